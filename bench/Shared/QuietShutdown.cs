using Microsoft.AspNetCore.Builder;

namespace ActorCloud.Bench.Shared;

/// <summary>
/// Stops an in-process host. Akka's fallback standard-out logger prints INFO lines while shutting down, after the
/// configured logger is gone and regardless of the Warning level; they are dropped so the result table stays
/// readable, and anything else printed meanwhile is passed on.
/// </summary>
public static class QuietShutdown
{
    public static async Task StopAsync(WebApplication app)
    {
        var console = Console.Out;
        using var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        finally
        {
            Console.SetOut(console);
            foreach (var line in captured.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
                if (!line.StartsWith("[INFO]", StringComparison.Ordinal)) console.WriteLine(line);
        }
    }
}
