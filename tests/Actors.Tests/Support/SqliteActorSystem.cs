using ActorCloud.Actors.Serialization;
using ActorCloud.Persistence.Journal;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorCloud.Actors.Tests.Support;

/// <summary>
/// An actor system built the way the host builds it — real SQLite journal file, our serializer, strict
/// serialization (events and snapshots must go through our serializer) — for TestKit specs. One journal file per test.
/// </summary>
public static class SqliteActorSystem
{
    public static IHost Start(string databasePath)
    {
        var host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka("actorcloud-test", akka => akka
                .WithActorCloudJournal(new JournalOptions(JournalProvider.Sqlite, $"Data Source={databasePath}"))
                .WithActorCloudSerialization()))
            .Build();
        host.Start();
        return host;
    }

    public static ActorSystem System(this IHost host) => host.Services.GetRequiredService<ActorSystem>();
}
