using ActorCloud.Actors.Callers;

namespace ActorCloud.Actors.Functions;

/// <summary>
/// One deployed version of a function: its code package (a zip in blob storage, named by its SHA-256) and its
/// configuration. Versions are immutable; a code or configuration change makes the next one, so any earlier
/// version can be rolled back to.
/// </summary>
public sealed record FunctionVersion(
    int Version,
    string CodeBlob,
    string CodeSha256,
    long CodeSize,
    string Runtime,
    string Handler,
    int TimeoutSeconds,
    int MemoryMb,
    IReadOnlyDictionary<string, string> Variables,
    DateTime DeployedAt,
    Caller By,
    string? Source);

/// <summary>What a deployment sets; null members keep the current version's value.</summary>
public sealed record FunctionSpec(
    string? CodeBlob = null,
    string? CodeSha256 = null,
    long? CodeSize = null,
    string? Runtime = null,
    string? Handler = null,
    int? TimeoutSeconds = null,
    int? MemoryMb = null,
    IReadOnlyDictionary<string, string>? Variables = null);
