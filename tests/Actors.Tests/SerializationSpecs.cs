using Akka.Actor;
using ActorCloud.Actors.Callers;
using ActorCloud.Actors.Collections;
using ActorCloud.Actors.Files;
using ActorCloud.Actors.Functions;
using ActorCloud.Actors.Permissions;
using ActorCloud.Actors.Users;
using ActorCloud.Actors.Serialization;
using ActorCloud.Actors.Sharding;
using ActorCloud.Actors.Tests.Support;
using ActorCloud.Actors.Transactions;
using ActorCloud.Documents.Bson;
using Akka.Serialization;
using MongoDB.Bson;
using Xunit.Abstractions;
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

namespace ActorCloud.Actors.Tests;

/// <summary>Every message, event and snapshot type goes through our serializer and comes back identical.</summary>
public sealed class SerializationSpecs(ITestOutputHelper output) : CollectionSpecBase(output)
{
    private static readonly Caller By = new(Caller.UserKind, Uid: "u1", Openid: "o1");
    private static readonly DateTime At = new(2026, 11, 25, 13, 0, 0, 123, DateTimeKind.Utc);
    private static readonly BsonDocument Doc = BsonDocument.Parse(
        """{"_id":"a","i":{"$numberInt":"1"},"l":{"$numberLong":"2"},"d":1.5,"m":{"$numberDecimal":"1.1"},"t":{"$date":"2024-01-01T00:00:00Z"},"r":{"$regularExpression":{"pattern":"x","options":"i"}}}""");

    public static TheoryData<object> Messages() =>
    [
        new CreateCollection("e/c", By),
        new DropCollection("e/c", Caller.Admin("k")),
        new InsertDocuments("e/c", By, [Doc, new BsonDocument("x", 1)], true),
        new UpdateDocuments("e/c", By, Doc, BsonDocument.Parse("""{"$inc":{"i":1}}"""), true, false, false),
        new ReplaceDocument("e/c", By, Doc, Doc, true, false),
        new CollectionCommands.UpdateAndReturn("e/c", By, Doc, Doc, false),
        new RemoveDocuments("e/c", By, Doc, true, false),
        new FindDocuments("e/c", Doc, BsonDocument.Parse("""{"i":-1}"""), 5, 10),
        new FindDocuments("e/c", Doc, null, 0, 1),
        new CountDocuments("e/c", Doc),
        new AggregateDocuments("e/c", [BsonDocument.Parse("""{"$match":{"i":1}}""")],
            new Dictionary<string, IReadOnlyList<BsonDocument>> { ["authors"] = [Doc] }),
        new DescribeCollection("e/c"),
        new CollectionChanges("e/c", 12, At, [new DocumentChange(ChangeKind.Update, new BsonString("a"), Doc, Doc),
            new DocumentChange(ChangeKind.Drop, null, null, null)]),
        new CollectionChanges("e/c", 13, At, [], Moved: true),
        new ChecksumDocuments("e/c", Detail: true),
        new Checksummed(true, 12, "1:00", [new DocumentDigest(new BsonString("a"), "ab")]),
        new Checksummed(false, 0, "0:00", null),
        new SaveSnapshotNow("e/c"),
        new SnapshotSaved(12),
        Done.Instance,
        new Inserted([new BsonString("a"), new BsonInt32(3), ObjectId.GenerateNewId()]),
        new Found([Doc, Doc]),
        new Counted(42),
        new CollectionReplies.Updated(1, new BsonString("x")),
        new CollectionReplies.Updated(0, null),
        new UpdatedAndReturned(1, Doc),
        new UpdatedAndReturned(0, null),
        new Removed(3),
        new Described(true, 10, 0),
        new Failed("INVALID_PARAM", "bad"),
        new CollectionCreated(By, At),
        new CollectionDropped(By, At),
        new DocumentsInserted(By, At, [BsonBytes.Of(Doc)]),
        new DocumentsUpdated(By, At, BsonBytes.Of(BsonDocument.Parse("""{"$set":{"a":1}}""")), IdList.Write([new BsonString("a")])),
        new DocumentReplaced(By, At, BsonBytes.Of(Doc), true),
        new DocumentsRemoved(By, At, IdList.Write([new BsonInt64(7)])),
        new CollectionSnapshot(true, [BsonBytes.Of(Doc), BsonBytes.Of(new BsonDocument("_id", 2))]),
        new CollectionSnapshot(true, [BsonBytes.Of(Doc)], new Permission(Permission.Custom, """{"read":true}""")),
        new CollectionSnapshot(true, [BsonBytes.Of(Doc)], null, [new IndexDefinition("a_b", [new IndexKeyDefinition("a", "1"), new IndexKeyDefinition("b", "-1")], true)]),
        new CreateIndexes("e/c", By, [new IndexDefinition("a_b", [new IndexKeyDefinition("a", "1"), new IndexKeyDefinition("b", "-1")], true)]),
        new DropIndexes("e/c", By, ["a_b"]),
        new DescribeIndexes("e/c"),
        new KeepAlive("e/c"),
        new ExplainQuery("e/c", Doc, BsonDocument.Parse("""{"i":1}"""), 0, 10),
        new Explained("IXSCAN", "a_b", 12, 3),
        new Explained("COLLSCAN", null, 100, 0),
        new PrepareTransaction("e/c", By, "t1", [BsonBytes.Of(Doc)], []),
        new ResolveTransaction("e/c", By, "t1", Commit: true),
        new BeginTransaction("e/t1", By),
        new TxFind("e/t1", "e/c", Doc, null, 0, 10),
        new TxInsert("e/t1", "e/c", [Doc]),
        new TxUpdate("e/t1", "e/c", Doc, BsonDocument.Parse("""{"$inc":{"i":1}}"""), false, true),
        new TxReplace("e/t1", "e/c", Doc, Doc, true),
        new TxRemove("e/t1", "e/c", Doc, false),
        new CommitTransaction("e/t1"),
        new AbortTransaction("e/t1"),
        new GetDecision("e/t1"),
        new TransactionStarted(By, At),
        new TransactionDecided(At, true, ["e/c", "e/d"]),
        new TransactionFinished(At),
        new DecisionReply(false),
        new TransactionFailed("DATABASE_TRANSACTION_CONFLICT", "changed"),
        TransactionDone.Instance,
        new IndexesReply(true, [new IndexInfo(new IndexDefinition("a_b", [new IndexKeyDefinition("a", "1"), new IndexKeyDefinition("b", "-1")], true), 3, false)]),
        new SetPermission("e/c", By, new Permission(Permission.ReadOnly)),
        new RestoreDocuments("e/c", By, [Doc], [new BsonString("a"), new BsonInt32(2)], false),
        new RestoreDocuments("e/fork", By, [Doc], null, true),
        new Restored(1, 2, 3),
        new GetPermission("e/c"),
        new PermissionReply(true, new Permission(Permission.Custom, """{"read":"doc._openid == auth.openid"}""")),
        new PermissionChanged(By, At, new Permission(Permission.AdminOnly)),
        new IndexCreated(By, At, new IndexDefinition("a_b", [new IndexKeyDefinition("a", "1"), new IndexKeyDefinition("b", "-1")], true)),
        new IndexDropped(By, At, "a_b"),
        new TransactionPrepared(By, At, "t1", [BsonBytes.Of(Doc)]),
        new TransactionResolved(By, At, "t1", Committed: false),
        new ReplaceDocument("e/c", By, Doc, Doc, true, false, "o1"),
        new EnsureTokenKey("dev", TokenKey),
        new RotateTokenKey("dev", By, TokenKey, true),
        new AddLoginKey("dev", By, LoginKey),
        new RemoveLoginKey("dev", By, "k2"),
        new SetStoragePermission("dev", By, new Permission(Permission.Private)),
        new GetSecuritySettings("dev"),
        new SecuritySettings([TokenKey, TokenKey with { RetiredAt = At }], [LoginKey], new Permission(Permission.ReadOnly)),
        new EnvironmentFailed("INVALID_PARAM", "no"),
        new TokenKeyIssued(By, At, TokenKey),
        new TokenKeysRetired(By, At, ["k1"]),
        new LoginKeyAdded(By, At, LoginKey),
        new LoginKeyRemoved(By, At, "k2"),
        new StoragePermissionChanged(By, At, new Permission(Permission.Custom, """{"read":true,"write":false}""")),
        new StartSession("dev/u", new UserProfile(CustomLogin, CustomUserId: "user-1"), Session),
        new ResumeSession("dev/u", "s1", "hash"),
        new EndSession("dev/u", "s1"),
        new GetUser("dev/u"),
        new UserView("u", true, new UserProfile(WeChat, WeChatOpenid: "o1"), At),
        new SessionGranted(new UserView("u", false, null, null), Session),
        new SessionEnded(true),
        new UserFailed("INVALID_REFRESH_TOKEN", "no"),
        new UserRegistered(At, "u", new UserProfile(Anonymous)),
        new SessionStarted(At, Session),
        new SessionRevoked(At, "s1"),
        UserState.Empty("u").Apply(new UserRegistered(At, "u", new UserProfile(Anonymous))).Apply(new SessionStarted(At, Session)),
        new IssueRootKey("key"),
        new CreateEnvironment("dev", By),
        GetDirectory.Instance,
        new DirectoryView("key", ["dev", "prod"]),
        new EnvironmentCreatedReply("dev", true),
        new RootKeyIssued("key", At),
        new EnvironmentCreated("dev", By, At),
        new ClaimUpload("e/f", "u1", At),
        new CommitUpload("e/f", "a/b.txt", "u1", "e/f/u1", 3, "text/plain", "ab", null, By),
        new CommitUpload("e/f", "a/b.txt", "u2", "e/f/u2", 3, "text/plain", "ab", "copy:c/b.txt@2", By),
        new DeleteFile("e/f", "a/b.txt", By),
        new RevokeUrls("e/f", "a/b.txt", By),
        new GetFile("e/f"),
        new UploadClaimed("u1"),
        new FileCommitted(Version),
        new FileReplies.Deleted(),
        new UrlsRevoked(),
        new FileView("a/b.txt", Version, [Version, Version with { Version = 1, Source = null }], 2),
        new FileView(null, null, [], 0),
        new FileFailed("STORAGE_FILE_NONEXIST", "gone"),
        new FileUploaded(By, At, "a/b.txt", 2, "u1", "e/f/u1", 3, "text/plain", "ab", "restore:1"),
        new FileEvents.FileDeleted(By, At, "a/b.txt"),
        new FileUrlsRevoked(By, At, "a/b.txt"),
        FileState.Empty.Apply(new FileUploaded(By, At, "a/b.txt", 1, "u1", "e/f/u1", 3, "text/plain", "ab", null), 10),
        new DeployFunction("e/add", new FunctionSpec("e/sha.zip", "sha", 10, "Nodejs20.19", "index.main", 5, 256,
            new Dictionary<string, string> { ["K"] = "v" }), true, By),
        new DeployFunction("e/add", new FunctionSpec(), false, By),
        new ConfigureFunction("e/add", new FunctionSpec(TimeoutSeconds: 10), By),
        new RollBackFunction("e/add", 1, By),
        new FunctionCommands.DeleteFunction("e/add", By),
        new GetFunction("e/add"),
        new InvokeFunction("e/add", new FunctionInvocation("r1", """{"a":1}""", By, "o1", "wx1", "wx_client")),
        new InvokeFunction("e/add", new FunctionInvocation("r2", "null", Caller.Admin("k"), null, null, "scf")),
        new InvokeFunction("e/add", new FunctionInvocation("r3", "{}", By, null, "wx1", "wx_client", CustomLogin, "user-1")),
        new FunctionFailed("FUNCTIONS_EXECUTE_FAIL", "boom"),
        new FunctionView("add", Function, [Function, Function with { Version = 1 }]),
        new FunctionView("add", null, []),
        new Invoked("r1", 2, """{"sum":3}""", null, [new LogLine("log", "hi", 1)], 1.5),
        new Invoked("r1", 2, null, "Invoking task timed out after 3 seconds", [], 3000),
        new FunctionDeployed(By, At, "add", Function),
        new FunctionConfigured(By, At, "add", Function with { TimeoutSeconds = 9 }),
        new FunctionDeleted(By, At, "add"),
        FunctionState.Empty("add").Apply(new FunctionDeployed(By, At, "add", Function)),
        StopEntity.Instance,
    ];

    private static readonly FunctionVersion Function = new(2, "e/sha.zip", "sha", 10, "Nodejs20.19", "index.main", 3, 256,
        new Dictionary<string, string> { ["K"] = "v" }, At, By, "rollback:1");

    private static readonly TokenKey TokenKey = new("k1", [1, 2, 3], At);

    private static readonly LoginKey LoginKey = new("k2", "-----BEGIN PUBLIC KEY-----\nAA==\n-----END PUBLIC KEY-----", At);

    private static readonly Session Session = new("s1", "hash", At, At.AddDays(30), 7200);

    private static readonly FileVersion Version = new(2, "e/f/u2", 3, "text/plain", "ab", At, "copy:c/b.txt@1", By);

    [Theory]
    [MemberData(nameof(Messages))]
    public void Round_trips_through_the_ActorCloud_serializer(object message)
    {
        var serializer = Assert.IsAssignableFrom<SerializerWithStringManifest>(Sys.Serialization.FindSerializerFor(message));
        Assert.Equal(ActorCloudSerializer.Id, serializer.Identifier);

        var manifest = serializer.Manifest(message);
        var bytes = serializer.ToBinary(message);
        var back = serializer.FromBinary(bytes, manifest);

        Assert.Equal(message.GetType(), back.GetType());
        Assert.Equal(bytes, serializer.ToBinary(back));
    }

    /// <summary>Messages naming an actor, which must resolve back to that actor on the receiving side.</summary>
    private static object[] MessagesNaming(IActorRef actor) =>
    [
        new FollowChanges("e/c", actor, Doc, [new BsonString("a"), new BsonInt32(2)]),
        new FollowChanges("e/c", actor, null, []),
        new UnfollowChanges("e/c", actor),
        new Following(true, 12, [Doc], actor),
    ];

    [Fact]
    public void Actor_references_round_trip_to_the_same_actor()
    {
        var serialization = Sys.Serialization;
        foreach (var message in MessagesNaming(TestActor))
        {
            var serializer = Assert.IsAssignableFrom<SerializerWithStringManifest>(serialization.FindSerializerFor(message));
            var bytes = serializer.ToBinary(message);
            var back = serializer.FromBinary(bytes, serializer.Manifest(message));
            Assert.Equal(bytes, serializer.ToBinary(back));
            var named = back.GetType().GetProperties().Single(p => p.PropertyType == typeof(IActorRef)).GetValue(back);
            Assert.Equal(TestActor, named);
        }
    }

    [Fact]
    public void Every_message_type_of_ours_has_a_manifest()
    {
        var covered = ((IEnumerable<object[]>)Messages()).Select(row => row[0].GetType())
            .Concat(MessagesNaming(ActorRefs.Nobody).Select(m => m.GetType())).ToHashSet();
        var ours = typeof(ActorCloudSerializer).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && ActorCloudSerializer.BoundTypes.Any(b => b.IsAssignableFrom(t)));
        Assert.All(ours, t => Assert.Contains(t, covered));
    }
}
