using ActorCloud.Documents.Geo;

namespace ActorCloud.Documents.Query;

/// <summary>The <c>$nearSphere</c> of a query: the field holding locations and the point results are ordered from.</summary>
public sealed record NearSpec(string Path, GeoPoint Center);
