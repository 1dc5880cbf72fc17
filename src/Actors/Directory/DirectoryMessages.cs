using ActorCloud.Actors.Callers;
using ActorCloud.Actors.Sharding;

namespace ActorCloud.Actors.Directory;

/// <summary>A message to the directory: the one entity that knows the root admin key and the environments.</summary>
public interface IDirectoryMessage : IEntityMessage;

/// <summary>A fact in the directory's journal.</summary>
public interface IDirectoryEvent;

public static class DirectoryMessages
{
    public const string EntityIdValue = "directory";

    /// <summary>Keeps <paramref name="Candidate"/> as the root key unless one was issued before; answers the root key.</summary>
    public sealed record IssueRootKey(string Candidate) : IDirectoryMessage
    {
        public string EntityId => EntityIdValue;
    }

    public sealed record CreateEnvironment(string Env, Caller Caller) : IDirectoryMessage
    {
        public string EntityId => EntityIdValue;
    }

    public sealed record GetDirectory : IDirectoryMessage
    {
        public static readonly GetDirectory Instance = new();

        public string EntityId => EntityIdValue;
    }

    public sealed record DirectoryView(string? RootKey, IReadOnlyList<string> Environments);

    public sealed record EnvironmentCreatedReply(string Env, bool Created);

    public sealed record RootKeyIssued(string Key, DateTime At) : IDirectoryEvent;

    public sealed record EnvironmentCreated(string Env, Caller By, DateTime At) : IDirectoryEvent;
}
