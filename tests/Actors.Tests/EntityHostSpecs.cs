using ActorCloud.Testing.Simulation;
using Akka.Actor;

namespace ActorCloud.Actors.Tests;

/// <summary>
/// The simulation harness's stand-in for a shard. Waiting for an entity that stops by itself (as after a journal
/// failure) must not depend on whether a later message already started it again: a shard restarts it for that message,
/// and the harness once waited for the new incarnation to stop, and failed, when a batch's last command came after the
/// stop (seen under load in the collection simulation).
/// </summary>
public sealed class EntityHostSpecs : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(3);
    private SimulationSystem _system = null!;

    public async Task InitializeAsync() => _system = await SimulationSystem.StartAsync();

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task A_stop_counts_as_awaited_even_when_a_later_message_has_started_the_entity_again()
    {
        var host = _system.System.ActorOf(EntityHost.Props(Props.Create(() => new StopsOnRequest())));
        var stopsBefore = await host.Ask<int>(EntityHost.Stops.Instance, Within);

        Assert.Equal("stopping", await host.Ask<string>("stop", Within));
        Assert.True(await host.Ask<bool>(new EntityHost.AwaitStop(Within, stopsBefore), Within + Within));
        Assert.Equal("pong", await host.Ask<string>("ping", Within));

        Assert.True(await host.Ask<bool>(EntityHost.Running.Instance, Within));
        Assert.True(await host.Ask<bool>(new EntityHost.AwaitStop(TimeSpan.FromMilliseconds(300), stopsBefore), Within));
        Assert.False(await host.Ask<bool>(new EntityHost.AwaitStop(TimeSpan.FromMilliseconds(300), stopsBefore + 1), Within));
    }

    private sealed class StopsOnRequest : ReceiveActor
    {
        public StopsOnRequest()
        {
            Receive<string>(message => message == "stop", _ =>
            {
                Sender.Tell("stopping");
                Context.Stop(Self);
            });
            Receive<string>(_ => Sender.Tell("pong"));
        }
    }
}
