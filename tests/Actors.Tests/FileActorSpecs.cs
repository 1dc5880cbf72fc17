using ActorCloud.Actors.Callers;
using ActorCloud.Actors.Files;
using ActorCloud.Actors.Tests.Support;
using ActorCloud.Documents;
using Akka.Actor;
using Xunit.Abstractions;
using static ActorCloud.Actors.Files.FileCommands;
using static ActorCloud.Actors.Files.FileReplies;

namespace ActorCloud.Actors.Tests;

/// <summary>The file entity over a real SQLite journal: commits, refusals, retention, and recovery after a stop.</summary>
public sealed class FileActorSpecs(ITestOutputHelper output) : JournalSpecBase(output)
{
    private const string Path = "photos/cat.png";
    private static readonly string EntityId = CloudPath.EntityId("test-env", Path);
    private static readonly Caller Admin = Caller.Admin("root:test");

    private IActorRef Spawn(FileSettings? settings = null) => Sys.ActorOf(FileActor.Props(EntityId, settings ?? new FileSettings()));

    private async Task<T> AskAsync<T>(IActorRef file, IFileMessage message) where T : IFileReply
    {
        var reply = await file.Ask<IFileReply>(message, AskTimeout);
        return reply is T expected ? expected : throw new Xunit.Sdk.XunitException($"expected {typeof(T).Name}, got {reply}");
    }

    private static CommitUpload Commit(string uploadId, long size = 10, string? source = null) =>
        new(EntityId, Path, uploadId, $"{EntityId}/{uploadId}", size, "image/png", new string('a', 64), source, Admin);

    [Fact]
    public async Task A_commit_makes_a_version_current_and_numbers_versions_from_one()
    {
        var file = Spawn();
        Assert.Null((await AskAsync<FileView>(file, new GetFile(EntityId))).Current);

        var first = await AskAsync<FileCommitted>(file, Commit("u1", size: 5));
        var second = await AskAsync<FileCommitted>(file, Commit("u2", size: 7));

        Assert.Equal(1, first.Version.Version);
        Assert.Equal(2, second.Version.Version);
        var view = await AskAsync<FileView>(file, new GetFile(EntityId));
        Assert.Equal(Path, view.CloudPath);
        Assert.Equal(2, view.Current!.Version);
        Assert.Equal(7, view.Current.Size);
        Assert.Equal([2, 1], view.Versions.Select(v => v.Version));
    }

    [Fact]
    public async Task An_upload_id_commits_once_and_is_claimed_once()
    {
        var file = Spawn();
        var expires = DateTime.UtcNow.AddMinutes(5);
        await AskAsync<UploadClaimed>(file, new ClaimUpload(EntityId, "u1", expires));
        var second = await AskAsync<FileFailed>(file, new ClaimUpload(EntityId, "u1", expires));
        Assert.Equal(FileState.TokenUsedCode, second.Code);

        await AskAsync<FileCommitted>(file, Commit("u1"));
        var replay = await AskAsync<FileFailed>(file, Commit("u1"));
        Assert.Equal(FileState.TokenUsedCode, replay.Code);
        Assert.Equal(1, (await AskAsync<FileView>(file, new GetFile(EntityId))).Current!.Version);
    }

    [Fact]
    public async Task Delete_empties_the_path_keeps_versions_and_a_second_delete_is_refused()
    {
        var file = Spawn();
        await AskAsync<FileCommitted>(file, Commit("u1"));
        await AskAsync<Deleted>(file, new DeleteFile(EntityId, Path, Admin));

        var view = await AskAsync<FileView>(file, new GetFile(EntityId));
        Assert.Null(view.Current);
        Assert.Single(view.Versions);
        Assert.Equal(0, view.UrlGeneration);
        var again = await AskAsync<FileFailed>(file, new DeleteFile(EntityId, Path, Admin));
        Assert.Equal(ErrorCodes.StorageFileNonExist, again.Code);
    }

    [Fact]
    public async Task Revoking_urls_advances_the_generation_only_for_an_existing_file()
    {
        var file = Spawn();
        Assert.Equal(ErrorCodes.StorageFileNonExist, (await AskAsync<FileFailed>(file, new RevokeUrls(EntityId, Path, Admin))).Code);
        await AskAsync<FileCommitted>(file, Commit("u1"));
        await AskAsync<UrlsRevoked>(file, new RevokeUrls(EntityId, Path, Admin));
        Assert.Equal(1, (await AskAsync<FileView>(file, new GetFile(EntityId))).UrlGeneration);
    }

    [Fact]
    public async Task Only_the_configured_number_of_versions_is_retained()
    {
        var file = Spawn(new FileSettings(KeepVersions: 3));
        for (var i = 1; i <= 5; i++) await AskAsync<FileCommitted>(file, Commit($"u{i}"));
        var view = await AskAsync<FileView>(file, new GetFile(EntityId));
        Assert.Equal([5, 4, 3], view.Versions.Select(v => v.Version));
        Assert.Equal(["u5", "u4", "u3"], view.Versions.Select(v => v.BlobName[(v.BlobName.LastIndexOf('/') + 1)..]));
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(2)]
    public async Task State_survives_a_stop_whether_replayed_from_events_or_from_a_snapshot(int snapshotEvery)
    {
        var settings = new FileSettings(KeepVersions: 10, SnapshotEvery: snapshotEvery);
        var file = Spawn(settings);
        await AskAsync<FileCommitted>(file, Commit("u1", size: 1));
        await AskAsync<FileCommitted>(file, Commit("u2", size: 2, source: "copy:a.png@1"));
        await AskAsync<UrlsRevoked>(file, new RevokeUrls(EntityId, Path, Admin));
        await AskAsync<Deleted>(file, new DeleteFile(EntityId, Path, Admin));
        await AskAsync<FileCommitted>(file, Commit("u3", size: 3));
        var before = await AskAsync<FileView>(file, new GetFile(EntityId));
        if (snapshotEvery == 2)
            await AwaitAssertAsync(() => Assert.True(ScalarSql("SELECT COUNT(*) FROM snapshot") >= 1), TimeSpan.FromSeconds(20));
        await StopAsync(file);

        var recovered = Spawn(settings);
        var after = await AskAsync<FileView>(recovered, new GetFile(EntityId));
        Assert.Equal(before.CloudPath, after.CloudPath);
        Assert.Equal(before.Current, after.Current);
        Assert.Equal(before.Versions, after.Versions);
        Assert.Equal(1, after.UrlGeneration);
        Assert.Equal(FileState.TokenUsedCode, (await AskAsync<FileFailed>(recovered, Commit("u2"))).Code);
        Assert.Equal(4, (await AskAsync<FileCommitted>(recovered, Commit("u4"))).Version.Version);
    }

    [Fact]
    public async Task File_events_are_journaled_with_the_environment_and_file_feed_tags()
    {
        var file = Spawn();
        await AskAsync<FileCommitted>(file, Commit("u1"));
        Assert.Equal(1, ScalarSql($"SELECT COUNT(*) FROM journal WHERE persistence_id = 'file-{EntityId}'"));
        Assert.Equal(2, ScalarSql("SELECT COUNT(*) FROM tags WHERE tag IN ('env:test-env', 'files:test-env')"));
    }
}
