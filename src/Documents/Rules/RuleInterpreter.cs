using System.Diagnostics;
using System.Globalization;
using MongoDB.Bson;

namespace ActorCloud.Documents.Rules;

/// <summary>
/// Evaluates one expression for one request, branch by branch of the client's query. <c>doc</c> is concrete for a
/// create and symbolic (<see cref="RuleValue.Field"/>) for a query, whose comparisons the branch's constraints decide.
/// The get() documents it reads and lacks accumulate across branches, so one pass asks for all it can.
/// </summary>
internal sealed class RuleInterpreter
{
    public const int MaxDocuments = 10;

    private readonly RuleExpression _expression;
    private readonly RuleContext _context;
    private readonly bool _overQuery;
    private readonly BsonValue _auth;
    private readonly HashSet<DocumentReference> _read = [];
    private readonly List<DocumentReference> _missing = [];
    private QueryBranch _branch = new();

    public RuleInterpreter(RuleExpression expression, RuleContext context)
    {
        _expression = expression;
        _context = context;
        _overQuery = context.QueryCondition is not null;
        _auth = context.Auth is { } auth
            ? new BsonDocument { { "openid", BsonValue.Create(auth.Openid) }, { "uid", BsonValue.Create(auth.Uid) }, { "loginType", BsonValue.Create(auth.LoginType) } }
            : BsonNull.Value;
    }

    /// <summary>get() documents evaluation reached that are not in <see cref="RuleContext.Fetched"/>.</summary>
    public IReadOnlyList<DocumentReference> Missing => _missing;

    public Truth Run(QueryBranch branch)
    {
        _branch = branch;
        return TruthOf(Evaluate(_expression.Root), _expression.Root);
    }

    private RuleValue Evaluate(RuleNode node) => node switch
    {
        LiteralNode literal => new RuleValue.Known(literal.Value),
        ArrayNode array => Array(array),
        RootNode root => Root(root.Root),
        MemberNode member => Member(Evaluate(member.Target), member.Name, member.Target),
        IndexNode index => Index(index),
        GetNode get => Get(get),
        NotNode not => RuleValue.Of(Not(TruthOf(Evaluate(not.Operand), not.Operand))),
        NegateNode negate => Negate(Concrete(Evaluate(negate.Operand))),
        BinaryNode binary => Binary(binary),
        LogicalNode logical => RuleValue.Of(Logical(logical)),
        _ => throw new UnreachableException($"no evaluation for {node.GetType().Name}"),
    };

    private RuleValue Root(RuleRoot root) => root switch
    {
        RuleRoot.Auth => new RuleValue.Known(_auth),
        RuleRoot.Now => new RuleValue.Known(new BsonInt64(MillisecondsSinceEpoch(_context.Now))),
        RuleRoot.RequestData => new RuleValue.Known((BsonValue?)_context.RequestData ?? BsonNull.Value),
        RuleRoot.Resource => new RuleValue.Known((BsonValue?)_context.Resource ?? BsonNull.Value),
        _ when _overQuery => new RuleValue.Field(""),
        _ => new RuleValue.Known((BsonValue?)_context.Document ?? throw new RuleDenial("the request has neither a query nor a document for 'doc'")),
    };

    private static long MillisecondsSinceEpoch(DateTime now)
    {
        var utc = now.Kind == DateTimeKind.Local ? now.ToUniversalTime() : DateTime.SpecifyKind(now, DateTimeKind.Utc);
        return (long)(utc - DateTime.UnixEpoch).TotalMilliseconds;
    }

    private RuleValue Array(ArrayNode node)
    {
        var items = new BsonArray(node.Items.Count);
        RuleValue? pending = null;
        foreach (var item in node.Items)
        {
            switch (Concrete(Evaluate(item)))
            {
                case RuleValue.Known known: items.Add(known.Value); break;
                case RuleValue.Unknown unknown: return unknown;
                case var other: pending = other; break;
            }
        }
        return pending ?? new RuleValue.Known(items);
    }

    private RuleValue Member(RuleValue target, string name, RuleNode targetNode) => target switch
    {
        RuleValue.Known known => new RuleValue.Known(Read(known.Value, name, targetNode)),
        // Stored keys never contain '.', and a query path cannot tell such a key from nesting.
        RuleValue.Field when name.Length == 0 || name.Contains('.') => new RuleValue.Unknown(null),
        RuleValue.Field field => new RuleValue.Field(field.Path.Length == 0 ? name : $"{field.Path}.{name}"),
        _ => target,
    };

    private BsonValue Read(BsonValue value, string name, RuleNode targetNode) => value switch
    {
        BsonDocument document => document.GetValue(name, BsonNull.Value),
        BsonArray array when int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var i) =>
            i < array.Count ? array[i] : BsonNull.Value,
        BsonNull or BsonUndefined when targetNode is RootNode { Root: RuleRoot.Auth } =>
            throw new RuleDenial($"cannot read auth.{name}: the user is not signed in"),
        _ => throw new RuleDenial($"cannot read '{name}' of {Source(targetNode)}, which is {RuleOperators.Kind(value)}"),
    };

    private RuleValue Index(IndexNode node)
    {
        var target = Evaluate(node.Target);
        var key = Concrete(Evaluate(node.Index));
        if (key is not RuleValue.Known { Value: var k }) return key;
        var name = k switch
        {
            BsonString s => s.Value,
            _ when k.IsNumeric && k.ToDouble() is var d && d >= 0 && d == Math.Floor(d) && d <= int.MaxValue =>
                ((int)d).ToString(CultureInfo.InvariantCulture),
            _ => throw new RuleDenial($"{Source(node.Index)} is {RuleOperators.Kind(k)}, not a field name or array index"),
        };
        return Member(target, name, node.Target);
    }

    private RuleValue Get(GetNode node)
    {
        var argument = Concrete(Evaluate(node.Argument));
        var path = argument switch
        {
            RuleValue.Pending => null,
            RuleValue.Known { Value: BsonString s } => s.Value,
            RuleValue.Known { Value: var other } => throw new RuleDenial($"get() needs a string path, not {RuleOperators.Kind(other)}"),
            RuleValue.Unknown { FieldPath: { } field } =>
                throw new RuleDenial($"get() reads doc.{field}, which the query does not fix: add {field}: <value> to the query"),
            _ => throw new RuleDenial($"the get() path ({Source(node.Argument)}) cannot be determined from the query"),
        };
        if (path is null) return RuleValue.Waiting;
        var reference = GetPath.Parse(path, out var problem) ?? throw new RuleDenial($"invalid get() path: {problem}");
        var first = _read.Add(reference);
        if (_read.Count > MaxDocuments) throw new RuleDenial($"the rule reads more than {MaxDocuments} documents");
        if (_context.Fetched.TryGetValue(reference, out var document))
            return new RuleValue.Known((BsonValue?)document ?? BsonNull.Value);
        if (first) _missing.Add(reference);
        return RuleValue.Waiting;
    }

    private RuleValue Binary(BinaryNode node)
    {
        var left = Evaluate(node.Left);
        var right = Evaluate(node.Right);
        return node.Op switch
        {
            BinaryOp.Add or BinaryOp.Subtract => Arithmetic(node.Op, Concrete(left), Concrete(right)),
            BinaryOp.In => In(left, Concrete(right), node.Right),
            _ => Compare(node.Op, left, right),
        };
    }

    private static RuleValue Negate(RuleValue operand) =>
        operand is RuleValue.Known known ? new RuleValue.Known(RuleOperators.Negate(known.Value)) : operand;

    private static RuleValue Arithmetic(BinaryOp op, RuleValue left, RuleValue right) => (left, right) switch
    {
        (RuleValue.Known l, RuleValue.Known r) =>
            new RuleValue.Known(op == BinaryOp.Add ? RuleOperators.Add(l.Value, r.Value) : RuleOperators.Subtract(l.Value, r.Value)),
        (RuleValue.Unknown, _) => left,
        (_, RuleValue.Unknown) => right,
        _ => RuleValue.Waiting,
    };

    private RuleValue Compare(BinaryOp op, RuleValue left, RuleValue right)
    {
        switch (left, right)
        {
            case (RuleValue.Unknown, _) or (_, RuleValue.Unknown):
                return RuleValue.Unresolved;
            case (RuleValue.Pending, _) or (_, RuleValue.Pending):
                return RuleValue.Waiting;
            case (RuleValue.Known l, RuleValue.Known r):
                return RuleOperators.Compare(op, l.Value, r.Value) ? RuleValue.True : RuleValue.False;
            case (RuleValue.Field field, RuleValue.Known r):
                return RuleValue.Of(ConstraintOn(field).Test(op, r.Value));
            case (RuleValue.Known l, RuleValue.Field field):
                return RuleValue.Of(ConstraintOn(field).Test(RuleOperators.Mirror(op), l.Value));
        }
        // Two doc fields: only a side the query fixes can be compared against the other.
        if (Concrete(right) is RuleValue.Known fixedRight) return Compare(op, left, fixedRight);
        return Concrete(left) is RuleValue.Known fixedLeft ? Compare(op, fixedLeft, right) : RuleValue.Unresolved;
    }

    private RuleValue In(RuleValue item, RuleValue collection, RuleNode collectionNode)
    {
        if (item is RuleValue.Unknown || collection is RuleValue.Unknown) return RuleValue.Unresolved;
        if (item is RuleValue.Pending || collection is RuleValue.Pending) return RuleValue.Waiting;
        var values = ((RuleValue.Known)collection).Value as BsonArray
            ?? throw new RuleDenial($"'in' needs an array, but {Source(collectionNode)} is {RuleOperators.Kind(((RuleValue.Known)collection).Value)}");
        return item switch
        {
            RuleValue.Known known => RuleOperators.Contains(values, known.Value) ? RuleValue.True : RuleValue.False,
            RuleValue.Field field => RuleValue.Of(ConstraintOn(field).TestIn(values)),
            _ => RuleValue.Unresolved,
        };
    }

    private Truth Logical(LogicalNode node)
    {
        // && stops at the first proven false, || at the first proven true; otherwise every operand is evaluated so
        // that one pass collects every get() document the rule may still need.
        var decisive = node.IsAnd ? Truth.False : Truth.True;
        var pending = false;
        var unknown = false;
        foreach (var operand in node.Operands)
        {
            var truth = TruthOf(Evaluate(operand), operand);
            if (truth == decisive) return decisive;
            pending |= truth == Truth.Pending;
            unknown |= truth == Truth.Unknown;
        }
        return pending ? Truth.Pending : unknown ? Truth.Unknown : Not(decisive);
    }

    private static Truth Not(Truth truth) => truth switch
    {
        Truth.True => Truth.False,
        Truth.False => Truth.True,
        _ => truth,
    };

    private Truth TruthOf(RuleValue value, RuleNode node) => value switch
    {
        RuleValue.Known { Value: BsonBoolean b } => b.Value ? Truth.True : Truth.False,
        RuleValue.Known { Value: var other } => throw new RuleDenial($"{Source(node)} is {RuleOperators.Kind(other)}, not true or false"),
        RuleValue.Field field => ConstraintOn(field).Test(BinaryOp.Equal, BsonBoolean.True),
        RuleValue.Pending => Truth.Pending,
        _ => Truth.Unknown,
    };

    /// <summary>A doc field the query fixes, as a concrete value; otherwise unknown, naming the field.</summary>
    private RuleValue Concrete(RuleValue value) => value is RuleValue.Field field
        ? ConstraintOn(field).Determined is { } fixedValue ? new RuleValue.Known(fixedValue) : new RuleValue.Unknown(field.Path.Length == 0 ? null : field.Path)
        : value;

    private PathConstraint ConstraintOn(RuleValue.Field field) =>
        field.Path.Length == 0 ? new PathConstraint() : _branch.ConstraintOn(field.Path);

    private string Source(RuleNode node) => _expression.Text[node.Start..node.End];
}
