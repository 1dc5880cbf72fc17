using ActorCloud.Actors.Serialization;
using Akka.Actor;
using Akka.Hosting;
using Akka.Persistence.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorCloud.Testing.Simulation;

/// <summary>
/// An actor system for a single-node simulation: ActorCloud's serializer (strict), and Akka.Persistence.TestKit's
/// journal and snapshot store, whose behaviour the simulation switches (fail, reject, delay) between commands.
/// </summary>
public sealed class SimulationSystem : IAsyncDisposable
{
    private const string TestPersistence = """
        akka.persistence.journal.plugin = "akka.persistence.journal.test"
        akka.persistence.journal.auto-start-journals = ["akka.persistence.journal.test"]
        akka.persistence.journal.test {
          class = "Akka.Persistence.TestKit.TestJournal, Akka.Persistence.TestKit"
          plugin-dispatcher = "akka.actor.default-dispatcher"
          event-adapters.untag = "ActorCloud.Testing.Simulation.UntagAdapter, ActorCloud.Testing"
          event-adapter-bindings { "Akka.Persistence.Journal.Tagged, Akka.Persistence" = untag }
        }
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.test"
        akka.persistence.snapshot-store.auto-start-snapshot-stores = ["akka.persistence.snapshot-store.test"]
        akka.persistence.snapshot-store.test {
          class = "Akka.Persistence.TestKit.TestSnapshotStore, Akka.Persistence.TestKit"
          plugin-dispatcher = "akka.actor.default-dispatcher"
        }
        # The injected failures are logged by Akka as errors; the invariants, not the log, tell whether anything went wrong.
        akka.loglevel = OFF
        akka.stdout-loglevel = OFF
        """;

    private readonly IHost _host;

    private SimulationSystem(IHost host)
    {
        _host = host;
        System = host.Services.GetRequiredService<ActorSystem>();
        var persistence = Akka.Persistence.Persistence.Instance.Apply(System);
        Journal = TestJournal.FromRef(persistence.JournalFor(null));
        Snapshots = TestSnapshotStore.FromRef(persistence.SnapshotStoreFor(null));
    }

    public ActorSystem System { get; }

    public ITestJournal Journal { get; }

    public ITestSnapshotStore Snapshots { get; }

    public static async Task<SimulationSystem> StartAsync()
    {
        var host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka("simulation", akka => akka
                .AddHocon(TestPersistence, HoconAddMode.Prepend)
                .WithActorCloudSerialization()))
            .Build();
        await host.StartAsync();
        return new SimulationSystem(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
