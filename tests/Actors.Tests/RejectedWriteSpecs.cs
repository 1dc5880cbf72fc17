using ActorCloud.Actors.Callers;
using ActorCloud.Actors.Files;
using ActorCloud.Actors.Functions;
using ActorCloud.Actors.Tests.Support;
using ActorCloud.Documents;
using ActorCloud.Testing.Simulation;
using Akka.Actor;
using static ActorCloud.Actors.Files.FileCommands;
using static ActorCloud.Actors.Files.FileReplies;
using static ActorCloud.Actors.Functions.FunctionCommands;
using static ActorCloud.Actors.Functions.FunctionReplies;

namespace ActorCloud.Actors.Tests;

/// <summary>
/// A write the journal rejects (an event it cannot store) is refused to its requester at once, and the entity goes on
/// unchanged — before, file and function entities left the requester waiting for its timeout (the simulation harness
/// found it). Runs on the harness's actor system, whose test journal rejects writes on demand.
/// </summary>
public sealed class RejectedWriteSpecs : IAsyncLifetime
{
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(3);
    private static readonly Caller Admin = Caller.Admin("root:test");
    private SimulationSystem _system = null!;

    public async Task InitializeAsync() => _system = await SimulationSystem.StartAsync();

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task A_rejected_file_commit_is_refused_at_once_and_changes_nothing()
    {
        var entityId = CloudPath.EntityId("test-env", "a.txt");
        var file = _system.System.ActorOf(FileActor.Props(entityId, new FileSettings()));
        CommitUpload Commit(string uploadId) => new(entityId, "a.txt", uploadId, $"{entityId}/{uploadId}", 1, "text/plain", "ab", null, Admin);

        await _system.Journal.OnWrite.Reject();
        var refused = await file.Ask<IFileReply>(Commit("u1"), AnswerWithin);
        await _system.Journal.OnWrite.Pass();

        Assert.Equal(ErrorCodes.SysErr, Assert.IsType<FileFailed>(refused).Code);
        Assert.Equal(1, Assert.IsType<FileCommitted>(await file.Ask<IFileReply>(Commit("u1"), AnswerWithin)).Version.Version);
    }

    [Fact]
    public async Task A_rejected_function_deployment_is_refused_at_once_and_changes_nothing()
    {
        var function = _system.System.ActorOf(FunctionActor.Props("test-env/add", new FunctionSettings(),
            new ScriptedRuntimes((_, _, _) => ScriptedRuntimes.Result("1"))));
        var deploy = new DeployFunction("test-env/add", new FunctionSpec("test-env/a.zip", "a", 10), Create: true, Admin);

        await _system.Journal.OnWrite.Reject();
        var refused = await function.Ask<IFunctionReply>(deploy, AnswerWithin);
        await _system.Journal.OnWrite.Pass();

        Assert.Equal(ErrorCodes.SysErr, Assert.IsType<FunctionFailed>(refused).Code);
        Assert.Equal(1, Assert.IsType<FunctionView>(await function.Ask<IFunctionReply>(deploy, AnswerWithin)).Current!.Version);
    }
}
