using ActorCloud.Api.Gateway.Admin;
using ActorCloud.Api.Gateway.Database;
using ActorCloud.Api.Functions;
using ActorCloud.Api.History;
using ActorCloud.Api.Storage;
using ActorCloud.Api.Watch;

namespace ActorCloud.Api.Gateway;

/// <summary>Maps a request's <c>action</c> to its handler.</summary>
public sealed class ActionRouter
{
    private readonly Dictionary<string, Func<ActionContext, Task<GatewayReply>>> _handlers;

    public ActionRouter(DatabaseActions database, CollectionAdminActions admin, StorageActions storage, FileAdminActions files,
        FunctionActions functions, FunctionAdminActions functionAdmin, PermissionAdminActions permissions, IdentityAdminActions identity,
        IndexAdminActions indexes, TransactionActions transactions, RestoreActions restore, ReplayActions replay, WatchSignAction watch)
    {
        _handlers = new(StringComparer.Ordinal)
        {
            ["database.insertDocument"] = database.InsertAsync,
            ["database.getDocument"] = database.GetAsync,
            ["database.calculateDocument"] = database.CountAsync,
            ["database.modifyDocument"] = database.ModifyAsync,
            ["database.modifyAndReturnDoc"] = database.ModifyAndReturnAsync,
            ["database.removeDocument"] = database.RemoveAsync,
            ["database.aggregateDocuments"] = database.AggregateAsync,
            ["database.addCollection"] = database.AddCollectionAsync,
            ["database.startTransaction"] = transactions.StartAsync,
            ["database.commitTransaction"] = transactions.CommitAsync,
            ["database.abortTransaction"] = transactions.AbortAsync,
            ["storage.getUploadMetadata"] = storage.GetUploadMetadataAsync,
            ["storage.batchGetDownloadUrl"] = storage.BatchGetDownloadUrlAsync,
            ["storage.batchDeleteFile"] = storage.BatchDeleteFileAsync,
            ["storage.batchCopyFile"] = storage.BatchCopyFileAsync,
            ["functions.invokeFunction"] = functions.InvokeAsync,
            ["auth.wsWebSign"] = watch.SignAsync,
            ["actorcloud.createFunction"] = functionAdmin.CreateAsync,
            ["actorcloud.updateFunctionCode"] = functionAdmin.UpdateCodeAsync,
            ["actorcloud.updateFunctionConfiguration"] = functionAdmin.UpdateConfigurationAsync,
            ["actorcloud.getFunction"] = functionAdmin.GetAsync,
            ["actorcloud.listFunctions"] = functionAdmin.ListAsync,
            ["actorcloud.deleteFunction"] = functionAdmin.DeleteAsync,
            ["actorcloud.rollBackFunction"] = functionAdmin.RollBackAsync,
            ["actorcloud.getFunctionLogs"] = functionAdmin.LogsAsync,
            ["actorcloud.listFileVersions"] = files.ListVersionsAsync,
            ["actorcloud.restoreFile"] = files.RestoreAsync,
            ["actorcloud.revokeFileUrls"] = files.RevokeUrlsAsync,
            ["actorcloud.sweepBlobs"] = files.SweepAsync,
            ["actorcloud.listCollections"] = admin.ListCollectionsAsync,
            ["actorcloud.dropCollection"] = admin.DropCollectionAsync,
            ["actorcloud.listEnvironments"] = admin.ListEnvironmentsAsync,
            ["actorcloud.createEnvironment"] = admin.CreateEnvironmentAsync,
            ["actorcloud.modifyDatabaseACL"] = permissions.ModifyDatabaseAclAsync,
            ["actorcloud.describeDatabaseACL"] = permissions.DescribeAsync,
            ["actorcloud.modifySafeRule"] = permissions.ModifySafeRuleAsync,
            ["actorcloud.describeSafeRule"] = permissions.DescribeAsync,
            ["actorcloud.modifyStorageSafeRule"] = permissions.ModifyStorageAsync,
            ["actorcloud.describeStorageSafeRule"] = permissions.DescribeStorageAsync,
            ["actorcloud.createCustomLoginKey"] = identity.CreateLoginKeyAsync,
            ["actorcloud.listCustomLoginKeys"] = identity.ListLoginKeysAsync,
            ["actorcloud.deleteCustomLoginKey"] = identity.DeleteLoginKeyAsync,
            ["actorcloud.rotateTokenKey"] = identity.RotateTokenKeyAsync,
            ["actorcloud.restoreCollection"] = restore.RestoreAsync,
            ["actorcloud.verifyCollection"] = replay.VerifyAsync,
            ["actorcloud.collectionStats"] = replay.StatsAsync,
            ["actorcloud.updateTable"] = indexes.UpdateTableAsync,
            ["actorcloud.describeTable"] = indexes.DescribeTableAsync,
            ["actorcloud.explainQuery"] = database.ExplainAsync,
        };
    }

    /// <summary>What an end user's token may ask for (a mini program's rights); everything else is admin-only.</summary>
    public static readonly IReadOnlySet<string> ClientActions = new HashSet<string>(StringComparer.Ordinal)
    {
        "database.insertDocument", "database.getDocument", "database.calculateDocument", "database.modifyDocument",
        "database.removeDocument", "database.aggregateDocuments", "storage.getUploadMetadata", "storage.batchGetDownloadUrl", "storage.batchDeleteFile",
        "functions.invokeFunction", "auth.wsWebSign",
    };

    /// <summary>
    /// The web SDK's names for the database actions (cloudbase-web-protocol.md §4), mapped to the handlers of the admin
    /// names; its other actions (storage, functions, <c>auth.wsWebSign</c>) share the admin names.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> WebNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["database.queryDocument"] = "database.getDocument",
        ["database.addDocument"] = "database.insertDocument",
        ["database.updateDocument"] = "database.modifyDocument",
        ["database.deleteDocument"] = "database.removeDocument",
        ["database.countDocument"] = "database.calculateDocument",
        ["database.aggregate"] = "database.aggregateDocuments",
    };

    /// <summary>A web SDK action's handler: its database names, or a client action that is not a database one.</summary>
    public Func<ActionContext, Task<GatewayReply>>? FindForWeb(string action) =>
        WebNames.TryGetValue(action, out var admin) ? Find(admin)
        : ClientActions.Contains(action) && !action.StartsWith("database.", StringComparison.Ordinal) ? Find(action)
        : null;

    public Func<ActionContext, Task<GatewayReply>>? Find(string action) => _handlers.GetValueOrDefault(action);
}
