using System.Text.Json;
using ActorCloud.Actors.Functions;
using ActorCloud.Api.Gateway;
using ActorCloud.Documents;
using ActorCloud.Persistence.Queries;
using static ActorCloud.Actors.Functions.FunctionCommands;
using static ActorCloud.Actors.Functions.FunctionReplies;

namespace ActorCloud.Api.Functions;

/// <summary>
/// Function management on <c>/admin</c>, with the request and answer shapes of CloudBase's management API (SCF's
/// CreateFunction, UpdateFunctionCode, UpdateFunctionConfiguration, GetFunction, ListFunctions, DeleteFunction):
/// <c>FunctionName</c>, <c>Code.ZipFile</c> (base64 zip), <c>Handler</c>, <c>Runtime</c>, <c>Timeout</c>,
/// <c>MemorySize</c>, <c>Environment.Variables[{Key, Value}]</c>. Plus rolling back to an earlier version.
/// </summary>
public sealed class FunctionAdminActions(
    FunctionClient functions, FunctionCode code, CSharpRuntime csharp, EntityCatalog catalog, InvocationLog log)
{
    public Task<GatewayReply> CreateAsync(ActionContext context) => DeployAsync(context, create: true);

    public Task<GatewayReply> UpdateCodeAsync(ActionContext context) => DeployAsync(context, create: false);

    public async Task<GatewayReply> UpdateConfigurationAsync(ActionContext context)
    {
        var name = context.Request.RequiredString("FunctionName");
        var view = await functions.AskAsync<FunctionView>(
            new ConfigureFunction(FunctionActions.EntityId(context.Env, name), Spec(context.Request), context.Caller), context.Cancellation);
        return Describe(view);
    }

    public async Task<GatewayReply> GetAsync(ActionContext context)
    {
        var name = context.Request.RequiredString("FunctionName");
        var view = await functions.AskAsync<FunctionView>(new GetFunction(FunctionActions.EntityId(context.Env, name)), context.Cancellation);
        if (view.Current is null) throw new GatewayError(FunctionState.NotFoundCode, $"function {name} does not exist");
        return Describe(view);
    }

    public async Task<GatewayReply> ListAsync(ActionContext context)
    {
        var names = await catalog.ListFunctionsAsync(context.Env, context.Cancellation);
        var views = await Task.WhenAll(names.Select(name =>
            functions.AskAsync<FunctionView>(new GetFunction(FunctionActions.EntityId(context.Env, name)), context.Cancellation)));
        var live = views.Where(v => v.Current is not null).ToList();
        return new GatewayReply(w =>
        {
            w.WriteStartArray("Functions");
            foreach (var view in live)
            {
                w.WriteStartObject();
                WriteSummary(w, view.Name, view.Current!);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("TotalCount", live.Count);
        });
    }

    public async Task<GatewayReply> DeleteAsync(ActionContext context)
    {
        var name = context.Request.RequiredString("FunctionName");
        await functions.AskAsync<FunctionView>(new DeleteFunction(FunctionActions.EntityId(context.Env, name), context.Caller), context.Cancellation);
        return GatewayReply.Empty;
    }

    public async Task<GatewayReply> RollBackAsync(ActionContext context)
    {
        var name = context.Request.RequiredString("FunctionName");
        var version = context.Request.Int("Version", 1, int.MaxValue) ?? throw new GatewayError(ErrorCodes.InvalidParam, "Version is required");
        var view = await functions.AskAsync<FunctionView>(
            new RollBackFunction(FunctionActions.EntityId(context.Env, name), version, context.Caller), context.Cancellation);
        return Describe(view);
    }

    /// <summary>Recent calls, newest first (<c>Limit</c>, default 20): outcome, duration, error, log lines, caller.</summary>
    public Task<GatewayReply> LogsAsync(ActionContext context)
    {
        var name = context.Request.RequiredString("FunctionName");
        _ = FunctionActions.EntityId(context.Env, name);
        var records = log.Recent(context.Env, name, context.Request.Int("Limit", 1, InvocationLog.PerFunction) ?? 20);
        return Task.FromResult(new GatewayReply(w =>
        {
            w.WriteStartArray("LogList");
            foreach (var record in records)
            {
                w.WriteStartObject();
                w.WriteString("RequestId", record.RequestId);
                w.WriteNumber("Version", record.Version);
                w.WriteString("StartTime", record.At);
                w.WriteString("Status", record.Outcome);
                w.WriteNumber("RetCode", record.Outcome == "success" ? 0 : 1);
                w.WriteNumber("Duration", Math.Round(record.DurationMs, 3));
                if (record.Error is not null) w.WriteString("ErrorMessage", record.Error);
                w.WriteStartArray("Logs");
                foreach (var line in record.Logs)
                {
                    w.WriteStartObject();
                    w.WriteString("level", line.Level);
                    w.WriteString("message", line.Message);
                    w.WriteNumber("time", line.TimeMs);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WritePropertyName("Caller");
                CallerJson.Write(w, record.Caller);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }));
    }

    private async Task<GatewayReply> DeployAsync(ActionContext context, bool create)
    {
        var request = context.Request;
        var name = request.RequiredString("FunctionName");
        var entityId = FunctionActions.EntityId(context.Env, name);
        var spec = Spec(request);
        if (spec.Runtime == CSharpFunctions.Runtime)
        {
            if (spec.Handler is null || !csharp.Has(spec.Handler))
                throw new GatewayError(ErrorCodes.InvalidParam, $"Handler must name a C# function registered in this host ('{spec.Handler}' is not)");
        }
        else
        {
            // The package must hold the handler the new version will have: the one given, else the current one's.
            var handler = spec.Handler ?? (create
                ? FunctionState.DefaultHandler
                : (await functions.AskAsync<FunctionView>(new GetFunction(entityId), context.Cancellation)).Current?.Handler
                  ?? throw new GatewayError(FunctionState.NotFoundCode, $"function {name} does not exist"));
            if (!FunctionState.IsNodeHandler(handler)) throw new GatewayError(ErrorCodes.InvalidParam, "Handler must look like index.main");
            var stored = await code.StoreAsync(context.Env, ZipFile(request), handler, context.Cancellation);
            spec = spec with { CodeBlob = stored.BlobName, CodeSha256 = stored.Sha256, CodeSize = stored.Size };
        }
        var view = await functions.AskAsync<FunctionView>(new DeployFunction(entityId, spec, create, context.Caller), context.Cancellation);
        return Describe(view);
    }

    private static byte[] ZipFile(GatewayRequest request)
    {
        var zipBase64 = request.Element("Code") is { ValueKind: JsonValueKind.Object } codeMember
                        && codeMember.TryGetProperty("ZipFile", out var zipFile) && zipFile.ValueKind == JsonValueKind.String
            ? zipFile.GetString()!
            : throw new GatewayError(ErrorCodes.InvalidParam, "Code.ZipFile (a base64 zip of the function's folder) is required");
        try
        {
            return Convert.FromBase64String(zipBase64);
        }
        catch (FormatException)
        {
            throw new GatewayError(ErrorCodes.InvalidParam, "Code.ZipFile must be base64");
        }
    }

    private static FunctionSpec Spec(GatewayRequest request) => new(
        Runtime: request.OptionalString("Runtime"),
        Handler: request.OptionalString("Handler"),
        TimeoutSeconds: request.Int("Timeout", int.MinValue, int.MaxValue),
        MemoryMb: request.Int("MemorySize", int.MinValue, int.MaxValue),
        Variables: Variables(request.Element("Environment")));

    private static IReadOnlyDictionary<string, string>? Variables(JsonElement? environment)
    {
        if (environment is not { ValueKind: JsonValueKind.Object } env || !env.TryGetProperty("Variables", out var list)) return null;
        if (list.ValueKind != JsonValueKind.Array) throw new GatewayError(ErrorCodes.InvalidParam, "Environment.Variables must be an array of {Key, Value}");
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("Key", out var key) || key.ValueKind != JsonValueKind.String
                || !item.TryGetProperty("Value", out var value) || value.ValueKind != JsonValueKind.String || key.GetString()!.Length == 0)
                throw new GatewayError(ErrorCodes.InvalidParam, "each Environment.Variables item needs Key and Value strings");
            variables[key.GetString()!] = value.GetString()!;
        }
        return variables;
    }

    /// <summary>SCF's GetFunction shape, plus ActorCloud's version list.</summary>
    private static GatewayReply Describe(FunctionView view) => new(w =>
    {
        if (view.Current is { } current) WriteSummary(w, view.Name, current);
        w.WriteStartArray("Versions");
        foreach (var version in view.Versions)
        {
            w.WriteStartObject();
            w.WriteNumber("Version", version.Version);
            w.WriteString("CodeSha256", version.CodeSha256);
            w.WriteString("AddTime", version.DeployedAt);
            if (version.Source is not null) w.WriteString("Source", version.Source);
            w.WritePropertyName("By");
            CallerJson.Write(w, version.By);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    private static void WriteSummary(Utf8JsonWriter w, string name, FunctionVersion current)
    {
        w.WriteString("FunctionName", name);
        w.WriteString("Status", "Active");
        w.WriteString("Runtime", current.Runtime);
        w.WriteString("Handler", current.Handler);
        w.WriteNumber("Timeout", current.TimeoutSeconds);
        w.WriteNumber("MemorySize", current.MemoryMb);
        w.WriteNumber("Version", current.Version);
        w.WriteString("CodeSha256", current.CodeSha256);
        w.WriteNumber("CodeSize", current.CodeSize);
        w.WriteString("ModTime", current.DeployedAt);
        w.WriteStartObject("Environment");
        w.WriteStartArray("Variables");
        foreach (var (key, value) in current.Variables.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("Key", key);
            w.WriteString("Value", value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
