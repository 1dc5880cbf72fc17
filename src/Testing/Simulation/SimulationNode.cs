using ActorCloud.Actors.Collections;
using ActorCloud.Actors.Serialization;
using ActorCloud.Persistence.Journal;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorCloud.Testing.Simulation;

/// <summary>
/// One node of an in-process simulated cluster: an actor system on a free loopback port, wired as ActorCloud wires its
/// own (our serializer, the SQL journal, the collection shard region), all nodes sharing one SQLite journal. Stopping
/// it leaves the cluster gracefully, so its shards are handed over to the others.
/// </summary>
public sealed class SimulationNode : IAsyncDisposable
{
    public const string SystemName = "simulation";

    private readonly IHost _host;

    private SimulationNode(IHost host, IActorRef region)
    {
        _host = host;
        System = host.Services.GetRequiredService<ActorSystem>();
        Region = region;
    }

    public ActorSystem System { get; }

    public IActorRef Region { get; }

    public Address Address => Cluster.Get(System).SelfAddress;

    /// <param name="seed">The node to join; null: the first node, which joins itself.</param>
    public static async Task<SimulationNode> StartAsync(JournalOptions journal, CollectionSettings settings, Address? seed)
    {
        var host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka(SystemName, akka => akka
                .AddHocon(
                    """
                    akka.loglevel = OFF
                    akka.stdout-loglevel = OFF
                    akka.cluster.gossip-interval = 200ms
                    akka.cluster.leader-actions-interval = 200ms
                    akka.cluster.sharding.retry-interval = 200ms
                    akka.cluster.sharding.least-shard-allocation-strategy.rebalance-absolute-limit = 10
                    akka.cluster.sharding.rebalance-interval = 1s
                    akka.cluster.sharding.handoff-timeout = 10s
                    """, HoconAddMode.Prepend)
                .WithRemoting("127.0.0.1", 0)
                .WithClustering()
                .WithActorCloudJournal(journal)
                .WithActorCloudSerialization()
                .WithCollectionRegion(settings, new CollectionViews(), new CollectionFeed(), TimeSpan.FromMinutes(10))
                .AddStartup((system, _) =>
                {
                    var cluster = Cluster.Get(system);
                    cluster.Join(seed ?? cluster.SelfAddress);
                })))
            .Build();
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Cluster.Get(system).SelfMember.Status != MemberStatus.Up)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("a simulated node did not become an Up member within 30 s");
            await Task.Delay(50);
        }
        var region = await ActorRegistry.For(system).GetAsync<CollectionRegion>();
        return new SimulationNode(host, region);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
