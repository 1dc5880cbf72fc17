using System.CommandLine;
using System.Text.Json;

namespace ActorCloud.Cli.Commands;

/// <summary>
/// <c>actorcloud invoke &lt;name&gt; [--data json]</c>: CloudBase's <c>functions.invokeFunction</c>, which carries the event as
/// a JSON string in <c>request_data</c> and answers the function's result as JSON text in <c>response_data</c>.
/// </summary>
internal static class InvokeCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The function to call" };
        var data = new Option<string?>("--data") { Description = "The event, as JSON (e.g. '{\"name\":\"x\"}') [default: {}]" };
        // Checked here rather than by the server so a quoting mistake in the shell is reported as bad usage (exit 2).
        data.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is not { } json) return;
            try
            {
                using var _ = JsonDocument.Parse(json);
            }
            catch (JsonException e)
            {
                result.AddError($"--data must be JSON: {e.Message}");
            }
        });
        var command = new Command("invoke", "Call a function and print its result") { name, data };
        command.SetAction(async (parsed, cancellation) =>
        {
            var answer = await context.Client(parsed).CallAsync("functions.invokeFunction", w =>
            {
                w.WriteString("function_name", parsed.GetRequiredValue(name));
                if (parsed.GetValue(data) is { } json) w.WriteString("request_data", json);
            }, cancellation);
            var response = answer.TryGetProperty("response_data", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            await context.Out.WriteLineAsync(response ?? "null");
            return 0;
        });
        return command;
    }
}
