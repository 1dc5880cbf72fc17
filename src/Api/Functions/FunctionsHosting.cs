using ActorCloud.Actors.Functions;
using ActorCloud.Api.Hosting;
using ActorCloud.Api.Storage;
using ActorCloud.Persistence.Blobs;

namespace ActorCloud.Api.Functions;

/// <summary>
/// Cloud-function wiring: code packages in a blob container of their own, the warm Node.js pool behind the
/// invocation actors' runtime port, credentials and context for function code, the gateway actions, and a reaper
/// of idle processes.
/// </summary>
public static class FunctionsHosting
{
    public static IServiceCollection AddActorCloudFunctions(this IServiceCollection services, ActorCloudOptions options) => services
        .AddSingleton(FunctionSandbox.Parse(options.Functions.SandboxUser))
        .AddSingleton(sp => new FunctionCode(
            BlobStore.Connect(sp.GetRequiredService<BlobConnection>().ConnectionString, options.Blob.CodeContainer), options.Data,
            sp.GetRequiredService<FunctionSandbox>()))
        .AddSingleton<FunctionCredentials>()
        .AddSingleton<InvocationTokens>()
        .AddSingleton<FunctionEnvironment>()
        .AddSingleton<NodeRuntimePool>()
        .AddSingleton<CSharpRuntime>()
        .AddSingleton<IFunctionRuntimes, FunctionRuntimes>()
        .AddSingleton<FunctionClient>()
        .AddSingleton<InvocationLog>()
        .AddSingleton<FunctionActions>()
        .AddSingleton<FunctionAdminActions>()
        .AddHostedService<FunctionCodeStartup>()
        .AddHostedService<IdleProcessReaper>();

    private sealed class FunctionCodeStartup(FunctionCode code) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => code.EnsureContainerAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Every half minute, stops processes idle past <c>Functions:IdleTimeout</c>.</summary>
    private sealed class IdleProcessReaper(NodeRuntimePool pool) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
            while (await timer.WaitForNextTickAsync(stoppingToken)) pool.Reap();
        }
    }
}
