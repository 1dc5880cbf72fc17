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

    /// <summary>
    /// Reads <c>GET /admin/history</c> line by line as the server streams it, handing each line on at once, so a
    /// history of any length passes through without being held.
    /// </summary>
    public async Task StreamHistoryAsync(IEnumerable<KeyValuePair<string, string>> query, Func<string, Task> line, CancellationToken cancellation)
    {
        var pairs = query.Prepend(new("env", connection.Env ?? "")).Where(p => p.Value.Length > 0)
            .Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}");
        var url = new Uri($"{connection.BaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/')}/admin/history?{string.Join('&', pairs)}");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", connection.Key);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
            if (!response.IsSuccessStatusCode)
            {
                var refusal = await response.Content.ReadAsStringAsync(cancellation);
                throw TryParse(refusal, out var error) && error.TryGetProperty("code", out var code)
                    ? CliError.Failure($"error {code.GetString()}: {error.GetProperty("message").GetString()}")
                    : CliError.Failure($"{url} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellation));
            while (await reader.ReadLineAsync(cancellation) is { } text)
            {
                if (text.Length > 0) await line(text);
            }
        }
        catch (HttpRequestException e)
        {
            throw CliError.Failure($"cannot reach ActorCloud at {connection.BaseUrl}: {e.Message}");
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
