using MongoDB.Bson;

namespace ActorCloud.Documents.Expressions;

/// <summary>
/// Compile-time view of the variables visible at a point of an expression. Every binding gets its own slot in
/// the evaluation's array: expressions cannot recurse, so a slot is never needed by two live bindings at once
/// and nothing has to be saved or restored around a nested <c>$map</c> or <c>$let</c>.
/// </summary>
internal sealed class VariableScope
{
    private readonly VariableScope? parent;
    private readonly SlotCounter counter;
    private readonly Dictionary<string, int> bound = new(StringComparer.Ordinal);

    private VariableScope(VariableScope? parent, SlotCounter counter)
    {
        this.parent = parent;
        this.counter = counter;
    }

    public static VariableScope CreateRoot() => new(null, new SlotCounter());

    public int SlotCount => counter.Count;

    public VariableScope Nested() => new(this, counter);

    /// <summary>Binds a user variable (or rebinds <c>CURRENT</c>, which MongoDB allows) and returns its slot.</summary>
    public int Bind(string name)
    {
        if (name != "CURRENT") ValidateUserName(name);
        var slot = counter.Count++;
        bound[name] = slot;
        return slot;
    }

    public int? Lookup(string name)
    {
        for (var scope = this; scope is not null; scope = scope.parent)
        {
            if (scope.bound.TryGetValue(name, out var slot)) return slot;
        }
        return null;
    }

    /// <summary>MongoDB's rule for user variables: a lowercase ASCII letter or a non-ASCII character first.</summary>
    public static void ValidateUserName(string name)
    {
        if (name.Length == 0) throw DocumentException.InvalidParam("empty variable names are not allowed");
        if (!(name[0] is >= 'a' and <= 'z' || name[0] > 127))
            throw DocumentException.InvalidParam($"'{name}' starts with an invalid character for a user variable name");
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || c > 127))
                throw DocumentException.InvalidParam($"'{name}' contains an invalid character for a variable name: '{c}'");
        }
    }

    private sealed class SlotCounter
    {
        public int Count;
    }
}

/// <summary>One evaluation's state: the root document and the current values of the bound variables.</summary>
internal sealed class EvaluationContext(BsonDocument root, int slots)
{
    public BsonDocument Root { get; } = root;

    /// <summary>Variable values by slot; null is a variable bound to "missing".</summary>
    public BsonValue?[] Variables { get; } = slots == 0 ? [] : new BsonValue?[slots];
}
