using ActorCloud.Actors.Callers;
using ActorCloud.Actors.Directory;
using ActorCloud.Api.Gateway;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.Options;
using static ActorCloud.Actors.Directory.DirectoryMessages;

namespace ActorCloud.Api.Hosting;

/// <summary>
/// Start-up chores that need the actor system and must finish before the first request is served: the
/// root admin key (configured, or issued once and kept in the journal so every node agrees, and written to
/// <c>&lt;data&gt;/admin-key</c>) and the default environment.
/// </summary>
public sealed class Bootstrapper(
    IOptions<ActorCloudOptions> options,
    IRequiredActor<DirectoryRegion> directory,
    AdminKey adminKey,
    EnvironmentDirectory environments) : IHostedService
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var region = await directory.GetAsync(cancellationToken);
        var view = await region.Ask<DirectoryView>(new IssueRootKey(AdminKey.Generate()), Timeout, cancellationToken);
        adminKey.Set(settings.AdminKey ?? view.RootKey!);
        await WriteKeyFileAsync(settings.Data, adminKey.Value, cancellationToken);
        await region.Ask<EnvironmentCreatedReply>(new CreateEnvironment(settings.Env, Caller.System), Timeout, cancellationToken);
        environments.Remember(settings.Env);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task WriteKeyFileAsync(string data, string key, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(data);
        var path = Path.Combine(data, "admin-key");
        await File.WriteAllTextAsync(path, key + "\n", cancellationToken);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
