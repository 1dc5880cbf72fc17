namespace ActorCloud.Documents.Rules;

/// <summary>What a rule set guards: a database collection or an environment's files. It decides which keys and identifiers are allowed.</summary>
public enum RuleTarget
{
    Database,
    Storage,
}
