namespace ActorCloud.Documents.Geo;

/// <summary>A position in GeoJSON order: longitude then latitude, in degrees.</summary>
public readonly record struct GeoPoint(double Longitude, double Latitude);
