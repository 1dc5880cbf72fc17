using ActorCloud.Api.Tests.Support;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;

namespace ActorCloud.Api.Tests;

/// <summary>The settings the embedded SQLite journal actually runs with, as the host's actor system reads them.</summary>
public sealed class JournalSettingsTests
{
    [Fact]
    public async Task The_sqlite_journal_writes_through_one_writer_and_reads_take_no_write_lock()
    {
        await using var host = await TestHost.StartAsync();
        try
        {
            var config = host.Services.GetRequiredService<ActorSystem>().Settings.Config;
            Assert.Equal(1, config.GetInt("akka.persistence.journal.sql.parallelism"));
            Assert.Equal("read-uncommitted", config.GetString("akka.persistence.journal.sql.read-isolation-level"));
            Assert.Equal("read-uncommitted", config.GetString("akka.persistence.query.journal.sql.read-isolation-level"));
            Assert.Equal("akka.persistence.journal.sql", config.GetString("akka.persistence.journal.plugin"));
        }
        finally
        {
            host.DeleteData();
        }
    }
}
