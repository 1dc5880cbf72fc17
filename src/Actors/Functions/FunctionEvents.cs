using ActorCloud.Actors.Callers;

namespace ActorCloud.Actors.Functions;

/// <summary>A fact in a function's journal.</summary>
public interface IFunctionEvent
{
    Caller By { get; }

    DateTime At { get; }
}

public static class FunctionEvents
{
    /// <summary>New code (and possibly configuration) became the function's current version.</summary>
    public sealed record FunctionDeployed(Caller By, DateTime At, string Name, FunctionVersion Version) : IFunctionEvent;

    /// <summary>A configuration change (timeout, memory, variables) made a new current version with the same code.</summary>
    public sealed record FunctionConfigured(Caller By, DateTime At, string Name, FunctionVersion Version) : IFunctionEvent;

    public sealed record FunctionDeleted(Caller By, DateTime At, string Name) : IFunctionEvent;
}
