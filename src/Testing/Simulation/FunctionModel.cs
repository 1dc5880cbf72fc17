using System.Collections.Immutable;
using ActorCloud.Actors.Functions;
using ActorCloud.Documents;
using static ActorCloud.Actors.Functions.FunctionCommands;
using static ActorCloud.Actors.Functions.FunctionReplies;

namespace ActorCloud.Testing.Simulation;

/// <summary>
/// The plain model a function entity is checked against, fed only acknowledged commands in the order they were
/// answered: every deployed version (newest first, none dropped) and whether the function exists. A deployment or
/// configuration keeps what its spec leaves out; a rollback copies an earlier version as the next; a delete keeps the
/// versions. Each method checks an answer and applies it, returning a violation or null; a rejected write changes
/// nothing. A call must be answered by the current version, or refused while the function does not exist.
/// </summary>
public sealed class FunctionModel
{
    private readonly List<FunctionVersion> _versions = [];
    private bool _exists;

    public int NextVersion => _versions.Count == 0 ? 1 : _versions[0].Version + 1;

    private FunctionVersion? Current => _exists ? _versions[0] : null;

    public string? Deployed(DeployFunction deploy, IFunctionReply reply) => Written(reply,
        deploy.Create && _exists ? FunctionState.InUseCode
        : !deploy.Create && !_exists ? FunctionState.NotFoundCode
        : Invalid(deploy.Spec) ? ErrorCodes.InvalidParam
        : null,
        () => Merged(deploy.Spec, deploy.By));

    public string? Configured(ConfigureFunction configure, IFunctionReply reply) => Written(reply,
        !_exists ? FunctionState.NotFoundCode : Invalid(configure.Spec) ? ErrorCodes.InvalidParam : null,
        () => Merged(configure.Spec with { CodeBlob = null, CodeSha256 = null, CodeSize = null }, configure.By));

    public string? RolledBack(RollBackFunction rollBack, IFunctionReply reply)
    {
        var earlier = _versions.FirstOrDefault(v => v.Version == rollBack.Version);
        return Written(reply,
            !_exists ? FunctionState.NotFoundCode : earlier is null ? ErrorCodes.InvalidParam : null,
            () => earlier! with { Version = NextVersion, DeployedAt = default, By = rollBack.By, Source = $"rollback:{rollBack.Version}" });
    }

    public string? Deleted(IFunctionReply reply) => Written(reply, _exists ? null : FunctionState.NotFoundCode, null);

    public string? Invoked(FunctionInvocation call, IFunctionReply reply)
    {
        if (Current is not { } current)
            return reply is FunctionFailed { Code: FunctionErrors.ExecuteFail, Message: FunctionActor.UnknownFunctionMessage }
                ? null
                : $"call {call.RequestId} of an absent function was answered {reply}";
        var expected = SimulatedRuntimes.ResultOf(current, call.EventJson);
        return reply is FunctionReplies.Invoked { ErrorMessage: null } invoked && invoked.Version == current.Version && invoked.ResultJson == expected
            ? null
            : $"call {call.RequestId} was answered {reply}, not {expected} by v{current.Version}";
    }

    /// <summary>
    /// A write: refused with <paramref name="refusal"/>'s code, or answered with the function as it is after
    /// <paramref name="made"/>'s version became current (none: a delete).
    /// </summary>
    private string? Written(IFunctionReply reply, string? refusal, Func<FunctionVersion>? made)
    {
        if (reply is FunctionFailed { Code: ErrorCodes.SysErr }) return null;
        if (refusal is not null) return reply is FunctionFailed failed && failed.Code == refusal ? null : $"answered {reply}, not refused {refusal}";
        if (reply is not FunctionView view) return $"answered {reply}, not with the function";
        if (made is null) _exists = false;
        else
        {
            _versions.Insert(0, made());
            _exists = true;
        }
        return Differences(view) is [] ? null : $"answered {string.Join("; ", Differences(view))}";
    }

    /// <summary>What a spec leaves out stays as it is (a new function starts from CloudBase's defaults).</summary>
    private FunctionVersion Merged(FunctionSpec spec, Actors.Callers.Caller by) => new(
        NextVersion,
        spec.CodeBlob ?? Current?.CodeBlob ?? "",
        spec.CodeSha256 ?? Current?.CodeSha256 ?? "",
        spec.CodeSize ?? Current?.CodeSize ?? 0,
        spec.Runtime ?? Current?.Runtime ?? FunctionState.DefaultRuntime,
        spec.Handler ?? Current?.Handler ?? FunctionState.DefaultHandler,
        spec.TimeoutSeconds ?? Current?.TimeoutSeconds ?? FunctionState.DefaultTimeoutSeconds,
        spec.MemoryMb ?? Current?.MemoryMb ?? FunctionState.DefaultMemoryMb,
        spec.Variables ?? Current?.Variables ?? ImmutableDictionary<string, string>.Empty,
        default,
        by,
        null);

    /// <summary>CloudBase's limits on what a spec sets: 1–60 s, 64–3072 MB, a <c>file.export</c> handler.</summary>
    private static bool Invalid(FunctionSpec spec) =>
        spec.TimeoutSeconds is < 1 or > 60 || spec.MemoryMb is < 64 or > 3072 || spec.Handler is { } handler && !handler.Contains('.');

    public IReadOnlyList<string> Differences(FunctionView view) => StateDifferences.Of(Canonical(view.Current is not null, view.Versions), Canonical(_exists, _versions));

    public IReadOnlyList<string> Differences(FunctionState state) => StateDifferences.Of(Canonical(state.Exists, state.Versions), Canonical(_exists, _versions));

    private static IReadOnlyDictionary<string, string> Canonical(bool exists, IEnumerable<FunctionVersion> versions) =>
        new Dictionary<string, string>
        {
            ["exists"] = exists.ToString(),
            ["versions"] = string.Join(", ", versions.Select(Describe)),
        };

    /// <summary>A version without its time of deployment, which the model cannot know.</summary>
    private static string Describe(FunctionVersion v) =>
        $"v{v.Version} {v.CodeBlob} {v.CodeSha256} {v.CodeSize} B {v.Runtime} {v.Handler} {v.TimeoutSeconds} s {v.MemoryMb} MB " +
        $"{{{string.Join(",", v.Variables.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))}}} " +
        $"{v.Source ?? "deployed"} by {v.By.KeyId}";
}
