namespace ActorCloud.Actors.Functions;

/// <summary>CloudBase's code for every failed call: the SDKs surface its message.</summary>
public static class FunctionErrors
{
    public const string ExecuteFail = "FUNCTIONS_EXECUTE_FAIL";
}
