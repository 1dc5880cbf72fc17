using System.Text.Json;

namespace ActorCloud.Bench.Database;

/// <summary>An end user for the client-rights phases: an anonymous sign-in at <c>/auth/v1</c>, as the web SDK makes it.</summary>
public static class EndUser
{
    public static async Task<string> SignInAnonymouslyAsync(Uri baseAddress, string env)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        using var response = await http.PostAsync($"/auth/v1/signin/anonymously?client_id={env}", new StringContent("{}"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.TryGetProperty("access_token", out var token)
            ? token.GetString()!
            : throw new InvalidDataException($"anonymous sign-in refused: {json.RootElement}");
    }
}
