using Spectre.Console;

namespace ActorCloud.Cli.Deploy;

/// <summary>
/// Progress of a deploy's two slow steps, zipping and uploading, on stderr so stdout carries only the result. On a
/// terminal Spectre.Console draws live bars. Anywhere else (a pipe, CI, tests) each step is one plain line: Spectre's
/// own fallback prints only on its refresh timer, so a quick deploy would show nothing, and logs want no cursor codes.
/// </summary>
internal sealed class DeployProgress
{
    private readonly ProgressTask? _zipping;
    private readonly ProgressTask? _uploading;
    private readonly TextWriter? _plain;
    private bool _uploadAnnounced;

    private DeployProgress(ProgressContext context)
    {
        _zipping = context.AddTask("zipping", autoStart: true, maxValue: 1);
        _uploading = context.AddTask("uploading", autoStart: false, maxValue: 1);
    }

    private DeployProgress(TextWriter plain) => _plain = plain;

    /// <summary>(files zipped, files in all).</summary>
    public void Zipping(long done, long total)
    {
        if (_zipping is not null) Report(_zipping, done, total);
        else if (done == total) _plain!.WriteLine($"zipped {total} file{(total == 1 ? "" : "s")}");
    }

    /// <summary>(bytes sent, bytes in all); called again from zero when a second request carries the code.</summary>
    public void Uploading(long done, long total)
    {
        if (_uploading is not null)
        {
            if (!_uploading.IsStarted) _uploading.StartTask();
            Report(_uploading, done, total);
        }
        else if (!_uploadAnnounced)
        {
            _uploadAnnounced = true;
            _plain!.WriteLine($"uploading {Size(total)}");
        }
    }

    public static async Task<T> RunAsync<T>(TextWriter output, bool interactive, Func<DeployProgress, Task<T>> work)
    {
        if (!interactive) return await work(new DeployProgress(output));
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Interactive = InteractionSupport.Yes,
        });
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(context => work(new DeployProgress(context)));
    }

    private static void Report(ProgressTask task, long done, long total)
    {
        task.MaxValue = Math.Max(total, 1);
        task.Value = total == 0 ? 1 : done;
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.0} KB",
        _ => $"{bytes / (1024.0 * 1024):0.0} MB",
    };
}
