using System.CommandLine;
using ActorCloud.Cli.Deploy;
using ActorCloud.Cli.Http;

namespace ActorCloud.Cli.Commands;

/// <summary>
/// <c>actorcloud deploy &lt;folder&gt;</c>: zips the folder and creates the function, or updates its code when it exists.
/// Prints the version the server made and the code's hash.
/// </summary>
internal static class DeployCommand
{
    private const string InUseCode = "ResourceInUse.Function";
    private const string NotFoundCode = "ResourceNotFound.Function";

    public static Command Create(CliContext context)
    {
        var folder = new Argument<string>("folder") { Description = "The function's folder; its contents become the zip's root" };
        var name = new Option<string?>("--name") { Description = "The function's name [default: the folder's name]" };
        var handler = new Option<string>("--handler") { Description = "file.export to call", DefaultValueFactory = _ => "index.main" };
        var timeout = new Option<int?>("--timeout") { Description = "Seconds a call may run (1-60)" };
        var memory = new Option<int?>("--memory") { Description = "Memory in MB (64-3072)" };
        var variables = new Option<string[]>("--env-var") { Description = "An environment variable KEY=VALUE; repeat for more" };
        variables.Validators.Add(result =>
        {
            foreach (var text in result.GetValueOrDefault<string[]>() ?? [])
                if (DeploySettings.ParseVariable(text) is null) result.AddError($"--env-var expects KEY=VALUE, not '{text}'");
        });
        var command = new Command("deploy", "Zip a folder and deploy it as a function (created, or its code updated)")
        {
            folder, name, handler, timeout, memory, variables,
        };
        command.SetAction((parsed, cancellation) =>
        {
            var path = Path.GetFullPath(parsed.GetRequiredValue(folder));
            var given = parsed.GetValue(variables);
            var settings = new DeploySettings(
                parsed.GetValue(name) ?? new DirectoryInfo(path).Name,
                parsed.GetRequiredValue(handler),
                parsed.GetValue(timeout),
                parsed.GetValue(memory),
                given is { Length: > 0 } ? [.. given.Select(v => DeploySettings.ParseVariable(v)!.Value)] : null);
            return RunAsync(context, context.Client(parsed), path, settings, cancellation);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, AdminClient client, string folder, DeploySettings settings, CancellationToken cancellation)
    {
        // The folder is checked, and the key and server tried, before anything is zipped or uploaded.
        var files = FunctionPackage.Collect(folder, settings.Handler);
        var exists = await ExistsAsync(client, settings.Name, cancellation);
        var (function, created) = await DeployProgress.RunAsync(context.Error, context.Interactive, async progress =>
        {
            var zip = Convert.ToBase64String(FunctionPackage.Zip(files, progress.Zipping));
            var created = !exists;
            var answer = await client.SendAsync(
                exists ? "actorcloud.updateFunctionCode" : "actorcloud.createFunction", w => settings.WriteDeploy(w, zip), progress.Uploading, cancellation);
            if (!exists && answer.Code == InUseCode)
            {
                // Someone created it since we looked: update it instead, as CloudBase's own tooling does.
                created = false;
                answer = await client.SendAsync("actorcloud.updateFunctionCode", w => settings.WriteDeploy(w, zip), progress.Uploading, cancellation);
            }
            var function = answer.Require();
            if (!created && settings.HasConfiguration && !settings.IsReflectedBy(function))
                function = await client.CallAsync("actorcloud.updateFunctionConfiguration", settings.WriteConfigure, cancellation);
            return (function, created);
        });
        var version = function.TryGetProperty("Version", out var v) ? v.ToString() : "?";
        var sha = function.TryGetProperty("CodeSha256", out var s) ? s.GetString() : "?";
        await context.Out.WriteLineAsync($"{(created ? "created" : "updated")} {settings.Name}: version {version}, code sha256 {sha}");
        return 0;
    }

    /// <summary>
    /// Whether the function exists, asked first so a redeploy — the common case — uploads its code once rather than
    /// being refused by create and sent again to update.
    /// </summary>
    private static async Task<bool> ExistsAsync(AdminClient client, string name, CancellationToken cancellation)
    {
        var answer = await client.SendAsync("actorcloud.getFunction", w => w.WriteString("FunctionName", name), null, cancellation);
        if (answer.Code == NotFoundCode) return false;
        answer.Require();
        return true;
    }
}
