using System.Net.Http.Headers;
using System.Text.Json;

namespace ActorCloud.Cli.Http;

/// <summary>
/// Calls actions on <c>POST /admin</c> with the admin key as a bearer token, the way the node SDK's server protocol does.
/// Network failures and answers that are not the envelope become <see cref="CliError"/>s naming the URL, since a wrong
/// URL or a stopped server is the usual cause.
/// </summary>
internal sealed class AdminClient(HttpClient http, Connection connection)
{
    public Connection Connection => connection;

    /// <summary>Calls <paramref name="action"/> and returns its data; a refusal throws.</summary>
    public async Task<JsonElement> CallAsync(string action, Action<Utf8JsonWriter> members, CancellationToken cancellation) =>
        (await SendAsync(action, members, null, cancellation)).Require();

    /// <summary>Calls <paramref name="action"/>; a refusal comes back as an answer for the caller to branch on.</summary>
    public async Task<AdminAnswer> SendAsync(
        string action, Action<Utf8JsonWriter> members, Action<long, long>? uploadProgress, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, connection.AdminUrl)
        {
            Content = new UploadContent(Body(action, members), uploadProgress),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", connection.Key);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellation);
            var text = await response.Content.ReadAsStringAsync(cancellation);
            if (!TryParse(text, out var envelope))
                throw response.IsSuccessStatusCode
                    ? AdminAnswer.NotAnEnvelope()
                    : CliError.Failure($"{connection.AdminUrl} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            return AdminAnswer.Parse(envelope);
        }
        catch (HttpRequestException e)
        {
            throw CliError.Failure($"cannot reach ActorCloud at {connection.BaseUrl}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw CliError.Failure($"ActorCloud at {connection.BaseUrl} did not answer within {http.Timeout.TotalSeconds:0} s");
        }
    }

    private static byte[] Body(string action, Action<Utf8JsonWriter> members)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("action", action);
            members(writer);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static bool TryParse(string text, out JsonElement envelope)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            envelope = json.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            envelope = default;
            return false;
        }
    }
}
