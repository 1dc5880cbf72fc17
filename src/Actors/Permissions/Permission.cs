namespace ActorCloud.Actors.Permissions;

/// <summary>
/// What end users may do with a collection or an environment's files: one of CloudBase's four classic modes
/// (protocol notes §4.2, §4.4) or <c>CUSTOM</c> with a security rule set (kept as the JSON it was saved as; the
/// gateway parses it). Admin callers are never subject to it.
/// </summary>
public sealed record Permission(string AclTag, string? Rule = null)
{
    /// <summary>All users read; the creator writes.</summary>
    public const string ReadOnly = "READONLY";

    /// <summary>The creator reads and writes.</summary>
    public const string Private = "PRIVATE";

    /// <summary>All users read; only admins write.</summary>
    public const string AdminWrite = "ADMINWRITE";

    /// <summary>Only admins read and write.</summary>
    public const string AdminOnly = "ADMINONLY";

    /// <summary>Security rules decide.</summary>
    public const string Custom = "CUSTOM";

    public static readonly IReadOnlyList<string> ClassicTags = [ReadOnly, Private, AdminWrite, AdminOnly];

    /// <summary>New collections, as CloudBase's console and <c>createCollection</c> make them.</summary>
    public static readonly Permission CollectionDefault = new(Private);

    /// <summary>CloudBase's default for storage: every user reads, the uploader (and admins) write.</summary>
    public static readonly Permission StorageDefault = new(ReadOnly);

    public bool IsCustom => AclTag == Custom;
}
