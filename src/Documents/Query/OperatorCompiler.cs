using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Query;

/// <summary>Compiles a field's operator document (<c>{$gt: 1, $lt: 5}</c>) into a <see cref="ConditionNode"/>.</summary>
internal sealed class OperatorCompiler(QueryCompiler owner)
{
    /// <summary>MongoDB reads <c>{a: {$x: …}}</c> as operators when the first key starts with <c>$</c>.</summary>
    public static bool IsOperatorDocument(BsonValue value) =>
        value.BsonType == BsonType.Document && value.AsBsonDocument.ElementCount > 0 &&
        value.AsBsonDocument.GetElement(0).Name.StartsWith('$');

    /// <param name="pathText">The field the operators apply to, or null when they judge an array element.</param>
    public ConditionNode Compile(BsonDocument operators, string? pathText, QueryScope scope)
    {
        var parts = new List<ConditionNode>(operators.ElementCount);
        BsonValue? regex = null;
        string? regexOptions = null;
        BsonElement? near = null;
        BsonValue? maxDistance = null, minDistance = null;
        foreach (var element in operators)
        {
            var operand = element.Value;
            switch (element.Name)
            {
                case "$eq":
                    if (pathText is not null && scope.IsRequiredForEveryMatch()) owner.RecordEquality(pathText, operand);
                    parts.Add(Leaf(new EqualityMatcher(operand)));
                    break;
                case "$ne": parts.Add(new NegatedCondition(Leaf(new EqualityMatcher(operand)))); break;
                case "$lt": parts.Add(Leaf(new ComparisonMatcher(ComparisonKind.LessThan, operand))); break;
                case "$lte": parts.Add(Leaf(new ComparisonMatcher(ComparisonKind.LessOrEqual, operand))); break;
                case "$gt": parts.Add(Leaf(new ComparisonMatcher(ComparisonKind.GreaterThan, operand))); break;
                case "$gte": parts.Add(Leaf(new ComparisonMatcher(ComparisonKind.GreaterOrEqual, operand))); break;
                case "$in": parts.Add(Leaf(new InMatcher(ArrayOperand("$in", operand), RegexFactory.Create))); break;
                case "$nin": parts.Add(new NegatedCondition(Leaf(new InMatcher(ArrayOperand("$nin", operand), RegexFactory.Create)))); break;
                case "$all": parts.Add(CompileAll(ArrayOperand("$all", operand))); break;
                case "$exists": parts.Add(CompileExists(operand)); break;
                case "$size": parts.Add(Leaf(new SizeMatcher(SizeOperand(operand)))); break;
                case "$type": parts.Add(Leaf(TypeMatcher.Compile(operand))); break;
                case "$mod": parts.Add(Leaf(CompileMod(operand))); break;
                case "$elemMatch": parts.Add(Leaf(CompileElemMatch(operand))); break;
                case "$not": parts.Add(CompileNot(operand)); break;
                case "$regex":
                    if (operand.BsonType is not (BsonType.String or BsonType.RegularExpression))
                        throw DocumentException.InvalidParam("$regex has to be a string or a regular expression");
                    regex = operand;
                    break;
                case "$options":
                    if (operand.BsonType != BsonType.String) throw DocumentException.InvalidParam("$options has to be a string");
                    regexOptions = operand.AsString;
                    break;
                case "$geoWithin": parts.Add(Leaf(GeoOperatorCompiler.Within(operand))); break;
                case "$geoIntersects": parts.Add(Leaf(GeoOperatorCompiler.Intersects(operand))); break;
                case "$nearSphere" or "$near":
                    if (near is not null) throw DocumentException.InvalidParam("too many geoNear expressions: a query may hold only one");
                    near = element;
                    break;
                case "$maxDistance": maxDistance = operand; break;
                case "$minDistance": minDistance = operand; break;
                default: throw QueryCompiler.UnsupportedOperator(element.Name);
            }
        }
        if (regex is not null) parts.Add(Leaf(new RegexMatcher(CompileRegex(regex, regexOptions))));
        else if (regexOptions is not null) throw DocumentException.InvalidParam("$options needs a $regex");
        if (near is { } nearElement) parts.Add(CompileNear(nearElement, maxDistance, minDistance, pathText, scope));
        else if (maxDistance is not null || minDistance is not null)
            throw DocumentException.InvalidParam("$maxDistance/$minDistance need $nearSphere or $near");
        return parts.Count == 1 ? parts[0] : new ConjunctionCondition([.. parts]);
    }

    private LeafCondition CompileNear(BsonElement near, BsonValue? maxDistance, BsonValue? minDistance, string? pathText, QueryScope scope)
    {
        if (pathText is null)
            throw DocumentException.InvalidParam($"{near.Name} is not allowed inside $not or $elemMatch");
        var (matcher, centre) = GeoOperatorCompiler.Near(near.Name, near.Value, maxDistance, minDistance);
        owner.RecordNear(new NearSpec(pathText, centre), scope);
        return Leaf(matcher);
    }

    private static LeafCondition Leaf(ValueMatcher matcher) => new(matcher);

    private static BsonArray ArrayOperand(string name, BsonValue operand) => operand.BsonType == BsonType.Array
        ? operand.AsBsonArray
        : throw DocumentException.InvalidParam($"{name} needs an array");

    private ConditionNode CompileAll(BsonArray items)
    {
        if (items.Count == 0) return Leaf(NoValueMatcher.Instance);
        var parts = new ConditionNode[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item.BsonType == BsonType.RegularExpression)
                parts[i] = Leaf(new RegexMatcher(RegexFactory.Create(item.AsBsonRegularExpression)));
            else if (item is BsonDocument d && d.ElementCount == 1 && d.GetElement(0).Name == "$elemMatch")
                parts[i] = Leaf(CompileElemMatch(d[0]));
            else if (IsOperatorDocument(item))
                throw DocumentException.InvalidParam("$all items must be values or {$elemMatch: …}");
            else
                parts[i] = Leaf(new EqualityMatcher(item));
        }
        return parts.Length == 1 ? parts[0] : new ConjunctionCondition(parts);
    }

    private static ConditionNode CompileExists(BsonValue operand)
    {
        var wanted = operand.BsonType switch
        {
            BsonType.Boolean => operand.AsBoolean,
            BsonType.Int32 or BsonType.Int64 or BsonType.Double or BsonType.Decimal128 => operand.ToDouble() != 0,
            BsonType.Null => false,
            _ => throw DocumentException.InvalidParam("$exists needs a boolean"),
        };
        var exists = Leaf(ExistsMatcher.Instance);
        return wanted ? exists : new NegatedCondition(exists);
    }

    private static int SizeOperand(BsonValue operand)
    {
        if (!BsonValueComparer.IsNumber(operand)) throw DocumentException.InvalidParam("$size needs a number");
        var size = operand.ToDouble();
        if (size < 0 || size != Math.Floor(size) || size > int.MaxValue)
            throw DocumentException.InvalidParam("$size needs a non-negative whole number");
        return (int)size;
    }

    private static ModMatcher CompileMod(BsonValue operand)
    {
        if (operand.BsonType != BsonType.Array || operand.AsBsonArray.Count != 2)
            throw DocumentException.InvalidParam("$mod needs an array of [divisor, remainder]");
        var divisor = WholeNumber(operand[0]);
        if (divisor == 0) throw DocumentException.InvalidParam("$mod divisor cannot be 0");
        return new ModMatcher(divisor, WholeNumber(operand[1]));
    }

    private static long WholeNumber(BsonValue value)
    {
        if (!BsonValueComparer.IsNumber(value)) throw DocumentException.InvalidParam("$mod divisor and remainder must be numbers");
        var d = value.ToDouble();
        if (!double.IsFinite(d) || Math.Abs(d) >= 9.2e18) throw DocumentException.InvalidParam("$mod arguments must be finite numbers");
        return value.BsonType == BsonType.Int64 ? value.AsInt64 : (long)Math.Truncate(d);
    }

    private ElemMatchMatcher CompileElemMatch(BsonValue operand)
    {
        if (operand.BsonType != BsonType.Document) throw DocumentException.InvalidParam("$elemMatch needs an object");
        return new ElemMatchMatcher(owner.CompileElementPredicate(operand.AsBsonDocument));
    }

    private ConditionNode CompileNot(BsonValue operand)
    {
        if (operand.BsonType == BsonType.RegularExpression)
            return new NegatedCondition(Leaf(new RegexMatcher(RegexFactory.Create(operand.AsBsonRegularExpression))));
        if (!IsOperatorDocument(operand))
            throw DocumentException.InvalidParam("$not needs a regular expression or a non-empty document of operators");
        return new NegatedCondition(Compile(operand.AsBsonDocument, null, QueryScope.Nested));
    }

    private static System.Text.RegularExpressions.Regex CompileRegex(BsonValue regex, string? options)
    {
        if (regex.BsonType == BsonType.String) return RegexFactory.Create(regex.AsString, options ?? "");
        var value = regex.AsBsonRegularExpression;
        if (options is not null && value.Options.Length > 0)
            throw DocumentException.InvalidParam("options set in both $regex and $options");
        return RegexFactory.Create(value.Pattern, options ?? value.Options);
    }
}
