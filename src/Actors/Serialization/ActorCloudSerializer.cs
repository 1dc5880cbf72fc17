using System.Runtime.Serialization;
using System.Text.Json;
using ActorCloud.Actors.Collections;
using ActorCloud.Actors.Directory;
using ActorCloud.Actors.Environments;
using ActorCloud.Actors.Files;
using ActorCloud.Actors.Functions;
using ActorCloud.Actors.Sharding;
using ActorCloud.Actors.Transactions;
using ActorCloud.Actors.Users;
using Akka.Actor;
using Akka.Serialization;
using static ActorCloud.Actors.Collections.CollectionCommands;
using static ActorCloud.Actors.Collections.CollectionEvents;
using static ActorCloud.Actors.Collections.CollectionReplies;
using static ActorCloud.Actors.Directory.DirectoryMessages;
using static ActorCloud.Actors.Environments.EnvironmentMessages;
using static ActorCloud.Actors.Files.FileCommands;
using static ActorCloud.Actors.Files.FileEvents;
using static ActorCloud.Actors.Files.FileReplies;
using static ActorCloud.Actors.Functions.FunctionCommands;
using static ActorCloud.Actors.Functions.FunctionEvents;
using static ActorCloud.Actors.Functions.FunctionReplies;
using static ActorCloud.Actors.Users.UserMessages;
using static ActorCloud.Actors.Transactions.TransactionMessages;

namespace ActorCloud.Actors.Serialization;

/// <summary>
/// The serializer for every ActorCloud message, event and snapshot: System.Text.Json with a short, versioned
/// manifest per type. Manifests are a stored contract — never rename or reuse one; a changed shape gets a new
/// manifest and the old one keeps reading (upcast) here.
/// </summary>
public sealed class ActorCloudSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>Stored with every journal row; never change it.</summary>
    public const int Id = 4711;

    /// <summary>The marker types this serializer is bound to.</summary>
    public static readonly Type[] BoundTypes =
    [
        typeof(ICollectionMessage), typeof(ICollectionReply), typeof(ICollectionEvent), typeof(CollectionSnapshot), typeof(CollectionChanges),
        typeof(IDirectoryMessage), typeof(IDirectoryEvent), typeof(DirectoryView), typeof(EnvironmentCreatedReply),
        typeof(IFileMessage), typeof(IFileReply), typeof(IFileEvent), typeof(FileState),
        typeof(IFunctionMessage), typeof(IFunctionReply), typeof(IFunctionEvent), typeof(FunctionState),
        typeof(IEnvironmentMessage), typeof(IEnvironmentEvent), typeof(SecuritySettings), typeof(EnvironmentFailed),
        typeof(IUserMessage), typeof(IUserEvent), typeof(UserView), typeof(SessionGranted), typeof(SessionEnded),
        typeof(UserFailed), typeof(UserState),
        typeof(ITransactionMessage), typeof(ITransactionEvent), typeof(ITransactionReply),
        typeof(StopEntity),
    ];

    private readonly JsonSerializerOptions _json = CreateOptions(system);

    private static readonly Dictionary<Type, string> ManifestByType = new()
    {
        [typeof(CreateCollection)] = "coll-create.v1",
        [typeof(DropCollection)] = "coll-drop.v1",
        [typeof(InsertDocuments)] = "coll-insert.v1",
        [typeof(UpdateDocuments)] = "coll-update.v1",
        [typeof(ReplaceDocument)] = "coll-replace.v1",
        [typeof(CollectionCommands.UpdateAndReturn)] = "coll-update-return.v1",
        [typeof(RemoveDocuments)] = "coll-remove.v1",
        [typeof(FindDocuments)] = "coll-find.v1",
        [typeof(AggregateDocuments)] = "coll-aggregate.v1",
        [typeof(CreateIndexes)] = "coll-create-indexes.v1",
        [typeof(DropIndexes)] = "coll-drop-indexes.v1",
        [typeof(DescribeIndexes)] = "coll-describe-indexes.v1",
        [typeof(IndexCreated)] = "coll-index-created.v1",
        [typeof(IndexDropped)] = "coll-index-dropped.v1",
        [typeof(IndexesReply)] = "coll-indexes.v1",
        [typeof(ExplainQuery)] = "coll-explain.v1",
        [typeof(KeepAlive)] = "coll-keep-alive.v1",
        [typeof(PrepareTransaction)] = "coll-txn-prepare.v1",
        [typeof(ResolveTransaction)] = "coll-txn-resolve.v1",
        [typeof(TransactionPrepared)] = "coll-txn-prepared.v1",
        [typeof(TransactionResolved)] = "coll-txn-resolved.v1",
        [typeof(BeginTransaction)] = "txn-begin.v1",
        [typeof(TxFind)] = "txn-find.v1",
        [typeof(TxInsert)] = "txn-insert.v1",
        [typeof(TxUpdate)] = "txn-update.v1",
        [typeof(TxReplace)] = "txn-replace.v1",
        [typeof(TxRemove)] = "txn-remove.v1",
        [typeof(CommitTransaction)] = "txn-commit.v1",
        [typeof(AbortTransaction)] = "txn-abort.v1",
        [typeof(GetDecision)] = "txn-get-decision.v1",
        [typeof(TransactionStarted)] = "txn-started.v1",
        [typeof(TransactionDecided)] = "txn-decided.v1",
        [typeof(TransactionFinished)] = "txn-finished.v1",
        [typeof(DecisionReply)] = "txn-decision.v1",
        [typeof(TransactionFailed)] = "txn-failed.v1",
        [typeof(TransactionDone)] = "txn-done.v1",
        [typeof(Explained)] = "coll-explained.v1",
        [typeof(CountDocuments)] = "coll-count.v1",
        [typeof(DescribeCollection)] = "coll-describe.v1",
        [typeof(Done)] = "coll-done.v1",
        [typeof(Inserted)] = "coll-inserted.v1",
        [typeof(Found)] = "coll-found.v1",
        [typeof(Counted)] = "coll-counted.v1",
        [typeof(CollectionReplies.Updated)] = "coll-updated.v1",
        [typeof(UpdatedAndReturned)] = "coll-updated-returned.v1",
        [typeof(Removed)] = "coll-removed.v1",
        [typeof(Described)] = "coll-described.v1",
        [typeof(Failed)] = "coll-failed.v1",
        [typeof(CollectionCreated)] = "ev-coll-created.v1",
        [typeof(CollectionDropped)] = "ev-coll-dropped.v1",
        [typeof(DocumentsInserted)] = "ev-docs-inserted.v1",
        [typeof(DocumentsUpdated)] = "ev-docs-updated.v1",
        [typeof(DocumentReplaced)] = "ev-doc-replaced.v1",
        [typeof(DocumentsRemoved)] = "ev-docs-removed.v1",
        [typeof(IssueRootKey)] = "dir-issue-root-key.v1",
        [typeof(CreateEnvironment)] = "dir-create-env.v1",
        [typeof(GetDirectory)] = "dir-get.v1",
        [typeof(DirectoryView)] = "dir-view.v1",
        [typeof(EnvironmentCreatedReply)] = "dir-env-created-reply.v1",
        [typeof(RootKeyIssued)] = "ev-dir-root-key.v1",
        [typeof(EnvironmentCreated)] = "ev-dir-env-created.v1",
        [typeof(ClaimUpload)] = "file-claim-upload.v1",
        [typeof(CommitUpload)] = "file-commit-upload.v1",
        [typeof(DeleteFile)] = "file-delete.v1",
        [typeof(RevokeUrls)] = "file-revoke-urls.v1",
        [typeof(GetFile)] = "file-get.v1",
        [typeof(UploadClaimed)] = "file-upload-claimed.v1",
        [typeof(FileCommitted)] = "file-committed.v1",
        [typeof(FileReplies.Deleted)] = "file-deleted.v1",
        [typeof(UrlsRevoked)] = "file-urls-revoked.v1",
        [typeof(FileView)] = "file-view.v1",
        [typeof(FileFailed)] = "file-failed.v1",
        [typeof(FileUploaded)] = "ev-file-uploaded.v1",
        [typeof(FileEvents.FileDeleted)] = "ev-file-deleted.v1",
        [typeof(FileUrlsRevoked)] = "ev-file-urls-revoked.v1",
        [typeof(FileState)] = "snap-file.v1",
        [typeof(DeployFunction)] = "fn-deploy.v1",
        [typeof(ConfigureFunction)] = "fn-configure.v1",
        [typeof(RollBackFunction)] = "fn-roll-back.v1",
        [typeof(FunctionCommands.DeleteFunction)] = "fn-delete.v1",
        [typeof(GetFunction)] = "fn-get.v1",
        [typeof(InvokeFunction)] = "fn-invoke.v1",
        [typeof(FunctionFailed)] = "fn-failed.v1",
        [typeof(FunctionView)] = "fn-view.v1",
        [typeof(Invoked)] = "fn-invoked.v1",
        [typeof(FunctionDeployed)] = "ev-fn-deployed.v1",
        [typeof(FunctionConfigured)] = "ev-fn-configured.v1",
        [typeof(FunctionDeleted)] = "ev-fn-deleted.v1",
        [typeof(FunctionState)] = "snap-function.v1",
        [typeof(RestoreDocuments)] = "coll-restore.v1",
        [typeof(Restored)] = "coll-restored.v1",
        [typeof(SetPermission)] = "coll-set-permission.v1",
        [typeof(GetPermission)] = "coll-get-permission.v1",
        [typeof(PermissionReply)] = "coll-permission.v1",
        [typeof(PermissionChanged)] = "ev-coll-permission.v1",
        [typeof(EnsureTokenKey)] = "env-ensure-token-key.v1",
        [typeof(RotateTokenKey)] = "env-rotate-token-key.v1",
        [typeof(AddLoginKey)] = "env-add-login-key.v1",
        [typeof(RemoveLoginKey)] = "env-remove-login-key.v1",
        [typeof(SetStoragePermission)] = "env-set-storage-permission.v1",
        [typeof(GetSecuritySettings)] = "env-get-security.v1",
        [typeof(SecuritySettings)] = "env-security.v1",
        [typeof(EnvironmentFailed)] = "env-failed.v1",
        [typeof(TokenKeyIssued)] = "ev-env-token-key.v1",
        [typeof(TokenKeysRetired)] = "ev-env-token-keys-retired.v1",
        [typeof(LoginKeyAdded)] = "ev-env-login-key-added.v1",
        [typeof(LoginKeyRemoved)] = "ev-env-login-key-removed.v1",
        [typeof(StoragePermissionChanged)] = "ev-env-storage-permission.v1",
        [typeof(StartSession)] = "user-start-session.v1",
        [typeof(ResumeSession)] = "user-resume-session.v1",
        [typeof(EndSession)] = "user-end-session.v1",
        [typeof(GetUser)] = "user-get.v1",
        [typeof(UserView)] = "user-view.v1",
        [typeof(SessionGranted)] = "user-session-granted.v1",
        [typeof(SessionEnded)] = "user-session-ended.v1",
        [typeof(UserFailed)] = "user-failed.v1",
        [typeof(UserRegistered)] = "ev-user-registered.v1",
        [typeof(SessionStarted)] = "ev-user-session-started.v1",
        [typeof(SessionRevoked)] = "ev-user-session-revoked.v1",
        [typeof(UserState)] = "snap-user.v1",
        [typeof(StopEntity)] = "stop-entity.v1",
        [typeof(FollowChanges)] = "coll-follow.v1",
        [typeof(UnfollowChanges)] = "coll-unfollow.v1",
        [typeof(Following)] = "coll-following.v1",
        [typeof(CollectionChanges)] = "coll-changes.v1",
        [typeof(ChecksumDocuments)] = "coll-checksum.v1",
        [typeof(Checksummed)] = "coll-checksummed.v1",
        [typeof(SaveSnapshotNow)] = "coll-save-snapshot.v1",
        [typeof(SnapshotSaved)] = "coll-snapshot-saved.v1",
    };

    private const string SnapshotManifest = "snap-collection.v1";

    private static readonly Dictionary<string, Type> TypeByManifest =
        ManifestByType.ToDictionary(pair => pair.Value, pair => pair.Key);

    public override int Identifier => Id;

    public override string Manifest(object o) => o is CollectionSnapshot
        ? SnapshotManifest
        : ManifestByType.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new ArgumentException($"No manifest for {o.GetType()}", nameof(o));

    public override byte[] ToBinary(object obj) => obj is CollectionSnapshot snapshot
        ? SnapshotFormat.Write(snapshot)
        : JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), _json);

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (manifest == SnapshotManifest) return SnapshotFormat.Read(bytes);
        if (!TypeByManifest.TryGetValue(manifest, out var type))
            throw new SerializationException($"Unknown manifest '{manifest}'");
        return JsonSerializer.Deserialize(bytes, type, _json)
               ?? throw new SerializationException($"Empty payload for manifest '{manifest}'");
    }

    private static JsonSerializerOptions CreateOptions(ExtendedActorSystem system)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new ActorRefJsonConverter(system));
        options.Converters.Add(new BsonDocumentJsonConverter());
        options.Converters.Add(new BsonValueJsonConverter());
        return options;
    }
}
