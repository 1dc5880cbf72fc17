using ActorCloud.Actors.Files;
using ActorCloud.Api.Hosting;
using ActorCloud.Persistence.Blobs;
using ActorCloud.Persistence.Journal;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActorCloud.Api.Storage;

/// <summary>
/// File storage wiring: the blob account (the configured connection string, or an Azurite this host starts and
/// stops), the store, the sweeper, the storage endpoints and the readiness check of blob storage.
/// </summary>
public static class StorageHosting
{
    public static IServiceCollection AddActorCloudStorage(this IServiceCollection services, ActorCloudOptions options)
    {
        var connection = options.Blob.ConnectionString;
        if (connection is null)
        {
            var azurite = AzuriteServer.StartOrReuse(options.Data, options.Blob.AzuriteDirectory is { } dir
                ? Path.Combine(dir, "start.sh")
                : AzuriteServer.FindStartScript());
            services.AddHostedService(_ => new AzuriteLifetime(azurite));
            connection = azurite.ConnectionString;
        }
        var store = BlobStore.Connect(connection, options.Blob.Container);
        services
            .AddSingleton(new BlobConnection(connection))
            .AddSingleton(store)
            .AddSingleton(new FileIds(options.Blob.AppNumber))
            .AddSingleton<StorageSigner>()
            .AddSingleton<FileClient>()
            .AddSingleton<FileCopier>()
            .AddSingleton<StorageActions>()
            .AddSingleton<FileAdminActions>()
            .AddSingleton<BlobSweeper>()
            .AddHostedService(sp => sp.GetRequiredService<BlobSweeper>())
            .AddHostedService<BlobContainerStartup>();
        services.AddHealthChecks().AddCheck<BlobHealthCheck>("blob-storage", tags: [JournalHosting.ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapStorage(this IEndpointRouteBuilder app)
    {
        app.MapPut(StorageUrls.Prefix + "/{env}/{**path}", UploadEndpoint.PutAsync);
        app.MapPost(StorageUrls.Prefix + "/{env}/{**path}", UploadEndpoint.PostAsync);
        app.MapMethods(StorageUrls.Prefix + "/{env}/{**path}", [HttpMethods.Get, HttpMethods.Head], DownloadEndpoint.HandleAsync);
        return app;
    }

    /// <summary>
    /// Stops the Azurite this host started. Registered before the actor system and the web server, it stops after
    /// them (hosted services stop in reverse order), so no request is cut off from its blobs.
    /// </summary>
    private sealed class AzuriteLifetime(AzuriteServer azurite) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            azurite.Dispose();
            return Task.CompletedTask;
        }
    }

    /// <summary>Creates the container before the first request is served.</summary>
    private sealed class BlobContainerStartup(BlobStore store) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => store.EnsureContainerAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class BlobHealthCheck(BlobStore store) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await store.PingAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy("blob storage does not answer", e);
            }
        }
    }
}

/// <summary>The blob account's connection string (configured, or of the Azurite this host started).</summary>
public sealed record BlobConnection(string ConnectionString);
