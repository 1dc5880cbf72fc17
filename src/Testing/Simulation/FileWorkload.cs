using ActorCloud.Actors.Callers;
using ActorCloud.Actors.Files;
using Akka.Actor;
using static ActorCloud.Actors.Files.FileCommands;
using static ActorCloud.Actors.Files.FileReplies;

namespace ActorCloud.Testing.Simulation;

/// <summary>
/// Random commands on one file entity — upload claims and commits (with and without an expected version, with fresh
/// and reused upload ids), deletes, URL revocations and reads — checked against a <see cref="FileModel"/>. The entity
/// owns metadata only (a commit names a blob), so no blob store is involved. A failed write stops it without answering
/// the commands queued behind it; its fresh replay folds every journaled event with <see cref="FileState.Apply"/>.
/// </summary>
public sealed class FileWorkload(SimulationOptions options) : ISimulationWorkload
{
    private const string Path = "simulation/report.txt";

    /// <summary>Few, so that retention drops old versions within a run.</summary>
    private const int KeepVersions = 4;

    private static readonly string EntityId = CloudPath.EntityId("simulation", Path);
    private static readonly Caller Caller = Caller.Admin("simulation");

    private readonly FileModel _model = new(KeepVersions);
    private readonly DateTime _claimsExpire = DateTime.UtcNow + FileState.UploadTokenLifetime;
    private int _uploadIds;

    public Props Entity { get; } = FileActor.Props(EntityId, new FileSettings(KeepVersions, options.SnapshotEvery));

    public object StateQuery { get; } = new GetFile(EntityId);

    public bool QueuedCommandsDieWithEntity => true;

    public IReadOnlyList<SimulationCommand> Batch(Random random, int concurrency) => SimulationCommand.Batch(random, concurrency, Command);

    private SimulationCommand Command(Random random)
    {
        switch (random.Next(9))
        {
            case 0 or 1:
                var claim = new ClaimUpload(EntityId, UploadId(random), _claimsExpire);
                return new SimulationCommand(claim, $"claim {claim.UploadId}", reply => _model.Claimed(claim, (IFileReply)reply));
            case 2 or 3 or 4 or 5:
                var commit = Commit(random);
                return new SimulationCommand(commit, $"commit {commit.UploadId} expecting {commit.ExpectedVersion?.ToString() ?? "any"}",
                    reply => _model.Committed(commit, (IFileReply)reply));
            case 6:
                var delete = new DeleteFile(EntityId, Path, Caller);
                return new SimulationCommand(delete, "delete", reply => _model.Deleted(delete, (IFileReply)reply));
            case 7:
                var revoke = new RevokeUrls(EntityId, Path, Caller);
                return new SimulationCommand(revoke, "revoke urls", reply => _model.Revoked(revoke, (IFileReply)reply));
            default:
                return new SimulationCommand(StateQuery, "get", reply => Differences(reply) is [] ? null : $"a read: {string.Join("; ", Differences(reply))}");
        }
    }

    /// <summary>A fresh id mostly; else one handed out before (claimed, committed, or neither yet).</summary>
    private string UploadId(Random random) =>
        _uploadIds == 0 || random.Next(3) > 0 ? $"u{_uploadIds++}" : $"u{random.Next(_uploadIds)}";

    /// <summary>An upload: an admin's (no expected version), one expecting the version it was last read at, or a stale guess.</summary>
    private CommitUpload Commit(Random random)
    {
        var uploadId = UploadId(random);
        int? expected = random.Next(3) switch
        {
            0 => null,
            1 => _model.CurrentVersion,
            _ => random.Next(_model.NextVersion),
        };
        return new CommitUpload(EntityId, Path, uploadId, $"{EntityId}/{uploadId}", random.Next(1, 100_000), "text/plain",
            Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64())), Source: null, Caller, expected);
    }

    public bool Refused(object reply) => reply is FileFailed;

    public IReadOnlyList<string> Differences(object state) =>
        state is FileView view ? _model.Differences(view) : [$"a read was answered {state}"];

    public async Task<IReadOnlyList<string>> ReplayDifferencesAsync(ActorSystem system)
    {
        var events = await JournalReplay.EventsAsync(system, FileActor.PersistenceIdOf(EntityId));
        return _model.Differences(events.Aggregate(FileState.Empty, (state, e) => state.Apply((IFileEvent)e, KeepVersions)));
    }

    public void Stopped() => _model.Restarted();
}
