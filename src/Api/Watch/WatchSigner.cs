using ActorCloud.Api.Hosting;

namespace ActorCloud.Api.Watch;

/// <summary>The key behind realtime tickets: every node checks a ticket another issued.</summary>
public sealed class WatchSigner(AdminKey adminKey) : DerivedSigner(adminKey, "actorcloud/watch-tickets/v1");
