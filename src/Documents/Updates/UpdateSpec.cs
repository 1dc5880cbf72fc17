using MongoDB.Bson;

namespace ActorCloud.Documents.Updates;

/// <summary>
/// An operator update document (<c>{$set: …, $inc: …}</c>) validated and compiled once, so a multi-document
/// update checks the request a single time and then applies the same operations to every matched document
/// with <see cref="UpdateApplier"/>.
/// </summary>
public sealed class UpdateSpec
{
    private UpdateSpec(IReadOnlyList<UpdateOperation> operations) => Operations = operations;

    /// <summary>The operations in the order MongoDB applies them (by target path), which fixes the order of new fields.</summary>
    internal IReadOnlyList<UpdateOperation> Operations { get; }

    /// <summary>
    /// Parses and validates an operator document. Unknown operators raise <see cref="ErrorCodes.DatabaseInvalidOperator"/>;
    /// every other malformed update (empty, plain fields, bad operands, overlapping paths) raises
    /// <see cref="ErrorCodes.InvalidParam"/>.
    /// </summary>
    public static UpdateSpec Parse(BsonDocument update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.ElementCount == 0) throw DocumentException.InvalidParam("The update document must not be empty");
        if (Classify(update) == UpdateDocumentKind.Replacement)
        {
            throw DocumentException.InvalidParam(
                $"Unknown modifier: {update.GetElement(0).Name}. Expected a valid update modifier such as $set");
        }

        var operations = new List<UpdateOperation>();
        var conflicts = new PathConflictDetector();
        foreach (var group in update)
        {
            if (!UpdateOperators.TryGetParser(group.Name, out var parse))
                throw DocumentException.InvalidOperator($"Unknown modifier: {group.Name}. Expected a valid update modifier");
            if (group.Value is not BsonDocument fields)
            {
                throw DocumentException.InvalidParam(
                    $"Modifiers operate on fields but we found type {UpdateOperands.TypeName(group.Value)} instead. " +
                    $"For example: {{$mod: {{<field>: ...}}}} not {{{group.Name}: {UpdateOperands.Json(group.Value)}}}");
            }
            foreach (var field in fields)
            {
                var operation = parse(UpdateOperators.ParsePath(field.Name), field.Value);
                foreach (var path in operation.TouchedPaths) conflicts.Register(path);
                operations.Add(operation);
            }
        }
        return new UpdateSpec([.. operations.OrderBy(o => o.Path, UpdatePathOrder.Instance)]);
    }

    /// <summary>True when the document is non-empty and every top-level key is an operator.</summary>
    public static bool IsOperatorDocument(BsonDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.ElementCount > 0 && document.Names.All(IsOperatorName);
    }

    /// <summary>
    /// Tells a replacement document from an operator document; one that mixes operators with plain fields is
    /// refused. An empty document is a (valid, empty) replacement.
    /// </summary>
    public static UpdateDocumentKind Classify(BsonDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.ElementCount == 0) return UpdateDocumentKind.Replacement;
        var firstName = document.GetElement(0).Name;
        var operators = IsOperatorName(firstName);
        foreach (var name in document.Names)
        {
            if (IsOperatorName(name) == operators) continue;
            var (op, plain) = operators ? (firstName, name) : (name, firstName);
            throw DocumentException.InvalidParam(
                $"The update document mixes the update operator '{op}' with the plain field '{plain}'; use only operators or only fields");
        }
        return operators ? UpdateDocumentKind.Operators : UpdateDocumentKind.Replacement;
    }

    private static bool IsOperatorName(string name) => name.Length > 0 && name[0] == '$';
}
