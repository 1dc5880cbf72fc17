namespace ActorCloud.Api.Tests.Support;

/// <summary>Retries an assertion until it holds or the time is up (for reads fed by the journal's polled indexes).</summary>
public static class Eventually
{
    public static async Task AssertAsync(Func<Task> assertion, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>
    /// The content of a file a helper process creates when it reaches a point; fails early with the process's output if
    /// it ends first.
    /// </summary>
    public static async Task<string> FileAsync(string path, TimeSpan within, Task<(int ExitCode, string Output)> process)
    {
        var deadline = DateTime.UtcNow + within;
        while (!File.Exists(path))
        {
            if (process.IsCompleted) throw new InvalidOperationException($"the process ended before creating {path}: {(await process).Output}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{path} was not created within {within.TotalSeconds} s");
            await Task.Delay(100);
        }
        return await File.ReadAllTextAsync(path);
    }
}
