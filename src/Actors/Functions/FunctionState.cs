using System.Collections.Immutable;
using ActorCloud.Documents;
using static ActorCloud.Actors.Functions.FunctionCommands;
using static ActorCloud.Actors.Functions.FunctionEvents;

namespace ActorCloud.Actors.Functions;

/// <summary>
/// A function's deployed versions (newest first, all kept) and whether it exists, with its rules free of actors:
/// <c>Decide</c> turns a command into an event or a refusal, <c>Apply</c> folds an event in.
/// </summary>
public sealed record FunctionState(string Name, bool Exists, ImmutableList<FunctionVersion> Versions)
{
    public const string DefaultRuntime = "Nodejs20.19";

    /// <summary>C# functions registered in the host: no code package, the handler is the registered name.</summary>
    public const string InProcessRuntime = "dotnet";
    public const string DefaultHandler = "index.main";
    public const int DefaultTimeoutSeconds = 3;
    public const int DefaultMemoryMb = 256;

    /// <summary>The management API's codes, which its clients branch on.</summary>
    public const string InUseCode = "ResourceInUse.Function";
    public const string NotFoundCode = "ResourceNotFound.Function";

    public static FunctionState Empty(string name) => new(name, false, []);

    public FunctionVersion? Current => Exists ? Versions[0] : null;

    private int NextVersion => Versions.IsEmpty ? 1 : Versions[0].Version + 1;

    public FunctionDecision Decide(DeployFunction command, DateTime now)
    {
        if (command.Create && Exists) return FunctionDecision.Refuse(InUseCode, $"function {Name} already exists");
        if (!command.Create && !Exists) return NotFound();
        if ((command.Spec.CodeBlob is null || command.Spec.CodeSha256 is null) && command.Spec.Runtime != InProcessRuntime)
            return FunctionDecision.Refuse(ErrorCodes.InvalidParam, "a deployment needs a code package");
        return Validated(Merge(Current, command.Spec, now, command.By),
            v => new FunctionDeployed(command.By, now, Name, v));
    }

    public FunctionDecision Decide(ConfigureFunction command, DateTime now) => Current is null
        ? NotFound()
        : Validated(Merge(Current, command.Spec with { CodeBlob = null, CodeSha256 = null, CodeSize = null }, now, command.By),
            v => new FunctionConfigured(command.By, now, Name, v));

    public FunctionDecision Decide(RollBackFunction command, DateTime now)
    {
        if (Current is null) return NotFound();
        var earlier = Versions.FirstOrDefault(v => v.Version == command.Version);
        return earlier is null
            ? FunctionDecision.Refuse(ErrorCodes.InvalidParam, $"function {Name} has no version {command.Version}")
            : FunctionDecision.Accept(new FunctionDeployed(command.By, now, Name,
                earlier with { Version = NextVersion, DeployedAt = now, By = command.By, Source = $"rollback:{command.Version}" }));
    }

    public FunctionDecision Decide(DeleteFunction command, DateTime now) =>
        Exists ? FunctionDecision.Accept(new FunctionDeleted(command.By, now, Name)) : NotFound();

    public FunctionState Apply(IFunctionEvent e) => e switch
    {
        FunctionDeployed d => this with { Exists = true, Versions = Versions.Insert(0, d.Version) },
        FunctionConfigured c => this with { Exists = true, Versions = Versions.Insert(0, c.Version) },
        FunctionDeleted => this with { Exists = false },
        _ => throw new ArgumentException($"unknown function event {e.GetType().Name}", nameof(e)),
    };

    private FunctionVersion Merge(FunctionVersion? current, FunctionSpec spec, DateTime now, Callers.Caller by) => new(
        NextVersion,
        spec.CodeBlob ?? current?.CodeBlob ?? "",
        spec.CodeSha256 ?? current?.CodeSha256 ?? "",
        spec.CodeSize ?? current?.CodeSize ?? 0,
        spec.Runtime ?? current?.Runtime ?? DefaultRuntime,
        spec.Handler ?? current?.Handler ?? DefaultHandler,
        spec.TimeoutSeconds ?? current?.TimeoutSeconds ?? DefaultTimeoutSeconds,
        spec.MemoryMb ?? current?.MemoryMb ?? DefaultMemoryMb,
        spec.Variables ?? current?.Variables ?? ImmutableDictionary<string, string>.Empty,
        now,
        by,
        null);

    /// <summary>CloudBase's console limits: timeout 1–60 s; memory 64–3072 MB; a handler <c>file.export</c>.</summary>
    private static FunctionDecision Validated(FunctionVersion version, Func<FunctionVersion, IFunctionEvent> toEvent)
    {
        if (version.TimeoutSeconds is < 1 or > 60) return FunctionDecision.Refuse(ErrorCodes.InvalidParam, "Timeout must be 1-60 seconds");
        if (version.MemoryMb is < 64 or > 3072) return FunctionDecision.Refuse(ErrorCodes.InvalidParam, "MemorySize must be 64-3072 MB");
        if (version.Runtime == InProcessRuntime)
            return version.Handler.Length > 0 ? FunctionDecision.Accept(toEvent(version)) : FunctionDecision.Refuse(ErrorCodes.InvalidParam, "Handler must name a registered C# function");
        return IsNodeHandler(version.Handler)
            ? FunctionDecision.Accept(toEvent(version))
            : FunctionDecision.Refuse(ErrorCodes.InvalidParam, "Handler must look like index.main");
    }

    /// <summary><c>file.export</c> with a relative file path that stays inside the function's folder.</summary>
    public static bool IsNodeHandler(string handler)
    {
        var dot = handler.LastIndexOf('.');
        return dot > 0 && dot < handler.Length - 1 && !handler.Contains("..") && !handler.StartsWith('/') && !handler.Contains('\\');
    }

    private FunctionDecision NotFound() => FunctionDecision.Refuse(NotFoundCode, $"function {Name} does not exist");
}
