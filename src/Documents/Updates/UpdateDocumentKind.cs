namespace ActorCloud.Documents.Updates;

/// <summary>What a write request's data is: a whole replacement document (<c>doc.set</c>) or update operators.</summary>
public enum UpdateDocumentKind
{
    Replacement,
    Operators,
}
