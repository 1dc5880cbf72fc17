using System.CommandLine;
using ActorCloud.Cli.Http;

namespace ActorCloud.Cli;

/// <summary>What every command's action needs: the writers it prints to, whether stderr is a live terminal, and the way to its server.</summary>
internal sealed class CliContext(TextWriter output, TextWriter error, bool interactive, ConnectionOptions connection, HttpClient http)
{
    public TextWriter Out => output;

    public TextWriter Error => error;

    /// <summary>Whether progress may be drawn live (stderr is a terminal); never in tests or CI.</summary>
    public bool Interactive => interactive;

    /// <summary>A client for the connection the command line names; a missing URL or key throws a usage error.</summary>
    public AdminClient Client(ParseResult parsed) => new(http, connection.Resolve(parsed));
}
