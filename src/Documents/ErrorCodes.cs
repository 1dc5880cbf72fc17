namespace ActorCloud.Documents;

/// <summary>
/// CloudBase's error code strings, spelled exactly as the SDKs map them (typos included:
/// wx-server-sdk turns these strings into numeric errCodes, so a corrected spelling would become -501001).
/// </summary>
public static class ErrorCodes
{
    public const string SysErr = "SYS_ERR";
    public const string InvalidParam = "INVALID_PARAM";
    public const string InvalidAction = "INVALID_ACTION";
    public const string InvalidEnv = "INVALIID_ENV";
    public const string SignParamInvalid = "SIGN_PARAM_INVALID";
    public const string AccessTokenExpired = "ACCESS_TOKEN_EXPIRED";
    public const string CheckLoginFailed = "CHECK_LOGIN_FAILED";
    public const string ExceedRequestLimit = "EXCEED_REQUEST_LIMIT";
    public const string DatabaseRequestFailed = "DATABASE_REQUEST_FAILED";
    /// <summary>What <c>runTransaction</c> retries on.</summary>
    public const string DatabaseTransactionConflict = "DATABASE_TRANSACTION_CONFLICT";
    public const string DatabaseInvalidOperator = "DATABASE_INVALID_OPERRATOR";
    public const string DatabasePermissionDenied = "DATABASE_PERMISSION_DENIED";
    public const string DatabaseCollectionNotExist = "DATABASE_COLLECTION_NOT_EXIST";
    public const string StorageRequestFail = "STORAGE_REQUEST_FAIL";
    public const string StorageExceedAuthority = "STORAGE_EXCEED_AUTHORITY";
    public const string StorageFileNonExist = "STORAGE_FILE_NONEXIST";
    public const string Success = "SUCCESS";
}
