namespace ActorCloud.Documents.Rules;

/// <summary>A document a rule reads with <c>get('database.&lt;collection&gt;.&lt;id&gt;')</c>.</summary>
public sealed record DocumentReference(string Collection, string Id)
{
    public override string ToString() => $"{GetPath.Prefix}{Collection}.{Id}";
}
