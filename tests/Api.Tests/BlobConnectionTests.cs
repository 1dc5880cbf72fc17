using ActorCloud.Api.Tests.Support;
using ActorCloud.Persistence.Blobs;
using Azure.Storage.Blobs;

namespace ActorCloud.Api.Tests;

/// <summary>
/// With <c>--blob-connection</c> the host uses that storage account (as it would a real Azure one) and starts no
/// Azurite of its own; file content lands in the configured container of that account.
/// </summary>
public sealed class BlobConnectionTests
{
    [Fact]
    public async Task A_configured_account_is_used_instead_of_a_host_started_Azurite()
    {
        var storageDir = Directory.CreateTempSubdirectory("actorcloud-account-").FullName;
        var account = AzuriteServer.StartOrReuse(storageDir, RepoPaths.Of("azurite", "start.sh"));
        var host = await TestHost.StartAsync(null, "--blob-connection", account.ConnectionString, "--ActorCloud:Blob:Container", "shared-files");
        try
        {
            var storage = new StorageCalls(host.Client);
            var fileId = await storage.UploadAsync("configured/account.txt", "in the configured account"u8.ToArray());
            Assert.Equal("in the configured account"u8.ToArray(), await storage.DownloadAsync(fileId));
            Assert.False(Directory.Exists(Path.Combine(host.Data, "azurite")), "the host must not start an Azurite of its own");

            var names = new List<string>();
            await foreach (var blob in new BlobContainerClient(account.ConnectionString, "shared-files").GetBlobsAsync()) names.Add(blob.Name);
            Assert.Single(names);
            Assert.StartsWith(TestHost.Env + "/", names[0]);
        }
        finally
        {
            await host.DisposeAsync();
            host.DeleteData();
            account.Dispose();
            Directory.Delete(storageDir, recursive: true);
        }
    }
}
