using ActorCloud.Api.Hosting;
using ActorCloud.Persistence.Blobs;
using Microsoft.Extensions.Options;

namespace ActorCloud.Api.Storage;

/// <summary>
/// Removes blobs that no retained file version references: uploads that crashed between blob and commit, uploads
/// refused at commit, and versions beyond the retention count. Only blobs older than the grace period are
/// considered, so an upload between its blob write and its commit is never taken. Blob names say which file entity
/// to ask (<see cref="BlobNames"/>), so a sweep asks each file once.
/// </summary>
public sealed class BlobSweeper(BlobStore blobs, FileClient files, IOptions<ActorCloudOptions> options, ILogger<BlobSweeper> log)
    : BackgroundService
{
    public async Task<SweepResult> SweepAsync(TimeSpan grace, CancellationToken cancellation)
    {
        var cutoff = DateTimeOffset.UtcNow - grace;
        var examined = 0;
        var deleted = 0;
        var retainedByEntity = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        await foreach (var (name, lastModified) in blobs.ListAsync(cancellation))
        {
            examined++;
            if (lastModified > cutoff || BlobNames.EntityOf(name) is not { } entityId) continue;
            if (!retainedByEntity.TryGetValue(entityId, out var retained))
            {
                var view = await files.GetAsync(entityId, cancellation);
                retained = view.Versions.Select(v => v.BlobName).ToHashSet(StringComparer.Ordinal);
                retainedByEntity[entityId] = retained;
            }
            if (retained.Contains(name)) continue;
            await blobs.DeleteAsync(name, cancellation);
            deleted++;
        }
        return new SweepResult(examined, deleted);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Blob.SweepEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var result = await SweepAsync(options.Value.Blob.OrphanGrace, stoppingToken);
                if (result.Deleted > 0) log.LogInformation("Swept {Deleted} unreferenced blobs of {Examined}", result.Deleted, result.Examined);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Blob sweep failed; the next one retries");
            }
        }
    }
}

public sealed record SweepResult(int Examined, int Deleted);
