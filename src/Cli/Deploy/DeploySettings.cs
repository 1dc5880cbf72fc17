using System.Text.Json;

namespace ActorCloud.Cli.Deploy;

/// <summary>
/// What one deploy asks for, written as the members of SCF's CreateFunction/UpdateFunctionCode body. Unset settings are
/// left out, so an update keeps what the function already has.
/// </summary>
internal sealed record DeploySettings(
    string Name, string Handler, int? Timeout, int? Memory, IReadOnlyList<KeyValuePair<string, string>>? Variables)
{
    /// <summary>Whether the deploy sets configuration beyond code and handler (what UpdateFunctionConfiguration carries).</summary>
    public bool HasConfiguration => Timeout is not null || Memory is not null || Variables is not null;

    public void WriteDeploy(Utf8JsonWriter w, string zipBase64)
    {
        w.WriteString("FunctionName", Name);
        w.WriteStartObject("Code");
        w.WriteString("ZipFile", zipBase64);
        w.WriteEndObject();
        w.WriteString("Handler", Handler);
        WriteConfiguration(w);
    }

    public void WriteConfigure(Utf8JsonWriter w)
    {
        w.WriteString("FunctionName", Name);
        WriteConfiguration(w);
    }

    /// <summary>
    /// Whether a function's description already carries the asked configuration. CloudBase's UpdateFunctionCode ignores
    /// configuration, so a second call is needed there; ActorCloud's applies it in the same version, and a second call
    /// would only add a version with nothing new.
    /// </summary>
    public bool IsReflectedBy(JsonElement function)
    {
        if (Timeout is { } timeout && !(function.TryGetProperty("Timeout", out var t) && t.TryGetInt32(out var tv) && tv == timeout)) return false;
        if (Memory is { } memory && !(function.TryGetProperty("MemorySize", out var m) && m.TryGetInt32(out var mv) && mv == memory)) return false;
        return Variables is null || SameVariables(function);
    }

    private void WriteConfiguration(Utf8JsonWriter w)
    {
        if (Timeout is { } timeout) w.WriteNumber("Timeout", timeout);
        if (Memory is { } memory) w.WriteNumber("MemorySize", memory);
        if (Variables is null) return;
        w.WriteStartObject("Environment");
        w.WriteStartArray("Variables");
        foreach (var (key, value) in Variables)
        {
            w.WriteStartObject();
            w.WriteString("Key", key);
            w.WriteString("Value", value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private bool SameVariables(JsonElement function)
    {
        if (!function.TryGetProperty("Environment", out var env) || env.ValueKind != JsonValueKind.Object
            || !env.TryGetProperty("Variables", out var list) || list.ValueKind != JsonValueKind.Array) return false;
        var actual = list.EnumerateArray()
            .Select(v => (v.TryGetProperty("Key", out var k) ? k.GetString() : null, v.TryGetProperty("Value", out var x) ? x.GetString() : null))
            .ToHashSet();
        // Later duplicates win, as the server keeps the last value of a repeated key.
        var wanted = Variables!.GroupBy(p => p.Key).Select(g => ((string?)g.Key, (string?)g.Last().Value)).ToHashSet();
        return actual.SetEquals(wanted);
    }

    /// <summary>Parses <c>KEY=VALUE</c> (the value may contain <c>=</c> and be empty); null for a malformed one.</summary>
    public static KeyValuePair<string, string>? ParseVariable(string text)
    {
        var eq = text.IndexOf('=');
        return eq <= 0 ? null : new KeyValuePair<string, string>(text[..eq], text[(eq + 1)..]);
    }
}
