namespace ActorCloud.Documents.Rules;

/// <summary>An evaluation error (reading a field of null, a bad get() path…); it ends the evaluation with a denial.</summary>
internal sealed class RuleDenial(string reason) : Exception(reason);
