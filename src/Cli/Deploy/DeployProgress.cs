using Spectre.Console;

namespace ActorCloud.Cli.Deploy;

/// <summary>
/// Progress of a deploy's two slow steps, zipping and uploading, on stderr so stdout carries only the result. On a
/// terminal Spectre.Console draws live bars; anywhere else (a pipe, CI, tests) it is told the output is neither
/// interactive nor ANSI-capable and falls back to plain lines, so logs get no cursor codes.
/// </summary>
internal sealed class DeployProgress
{
    private readonly ProgressTask _zipping;
    private readonly ProgressTask _uploading;

    private DeployProgress(ProgressContext context)
    {
        _zipping = context.AddTask("zipping", autoStart: true, maxValue: 1);
        _uploading = context.AddTask("uploading", autoStart: false, maxValue: 1);
    }

    /// <summary>(files zipped, files in all).</summary>
    public void Zipping(long done, long total) => Report(_zipping, done, total);

    /// <summary>(bytes sent, bytes in all).</summary>
    public void Uploading(long done, long total)
    {
        if (!_uploading.IsStarted) _uploading.StartTask();
        Report(_uploading, done, total);
    }

    public static Task<T> RunAsync<T>(TextWriter output, bool interactive, Func<DeployProgress, Task<T>> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(context => work(new DeployProgress(context)));
    }

    private static void Report(ProgressTask task, long done, long total)
    {
        task.MaxValue = Math.Max(total, 1);
        task.Value = total == 0 ? 1 : done;
    }
}
