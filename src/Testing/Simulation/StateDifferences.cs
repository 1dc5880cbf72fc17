namespace ActorCloud.Testing.Simulation;

/// <summary>
/// The one comparison every workload makes: a state and its model each as canonical text per key (a document id, a
/// field of a file's state), a line for each key whose text differs or that one side lacks.
/// </summary>
public static class StateDifferences
{
    public static IReadOnlyList<string> Of(IReadOnlyDictionary<string, string> actual, IReadOnlyDictionary<string, string> expected) =>
        [.. expected.Keys.Union(actual.Keys)
            .Where(key => actual.GetValueOrDefault(key) != expected.GetValueOrDefault(key))
            .Select(key => $"{key}: {actual.GetValueOrDefault(key) ?? "absent"} but the model has {expected.GetValueOrDefault(key) ?? "absent"}")];
}
