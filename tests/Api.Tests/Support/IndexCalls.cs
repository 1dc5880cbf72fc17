namespace ActorCloud.Api.Tests.Support;

/// <summary>
/// <c>actorcloud.updateTable</c> bodies in the management API's PascalCase shapes (an anonymous object would be
/// camel-cased): one single-field index created (named after its field, ascending) or dropped.
/// </summary>
public static class IndexCalls
{
    public static Dictionary<string, object> Create(string table, string field, bool unique) => new()
    {
        ["action"] = "actorcloud.updateTable",
        ["TableName"] = table,
        ["CreateIndexes"] = new object[]
        {
            new Dictionary<string, object>
            {
                ["IndexName"] = field,
                ["MgoKeySchema"] = new Dictionary<string, object>
                {
                    ["MgoIsUnique"] = unique,
                    ["MgoIndexKeys"] = new[] { new Dictionary<string, string> { ["Name"] = field, ["Direction"] = "1" } },
                },
            },
        },
    };

    public static Dictionary<string, object> Drop(string table, string name) => new()
    {
        ["action"] = "actorcloud.updateTable",
        ["TableName"] = table,
        ["DropIndexes"] = new object[] { new Dictionary<string, string> { ["IndexName"] = name } },
    };
}
