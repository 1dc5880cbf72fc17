using ActorCloud.Api.Hosting;

namespace ActorCloud.Api.Storage;

/// <summary>
/// The key behind upload tokens and download URLs: changing the root key invalidates every link handed out with the
/// old one.
/// </summary>
public sealed class StorageSigner(AdminKey adminKey) : DerivedSigner(adminKey, "actorcloud/storage-links/v1");
