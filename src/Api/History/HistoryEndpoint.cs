using System.Buffers;
using System.Globalization;
using System.Text.Json;
using ActorCloud.Actors.Collections;
using ActorCloud.Api.Gateway;
using ActorCloud.Api.Gateway.Database;
using ActorCloud.Api.Hosting;
using ActorCloud.Documents;
using ActorCloud.Documents.Bson;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.Extensions.Options;
using MongoDB.Bson;

namespace ActorCloud.Api.History;

/// <summary>
/// <c>GET /admin/history?env=…[&amp;collection=…[&amp;doc=…]][&amp;from=…][&amp;to=…][&amp;since=…][&amp;until=…][&amp;limit=…][&amp;follow=true]</c>:
/// the journal as history, streamed from Akka.Persistence.Query through Akka.Streams one event at a time, so a
/// million events never sit in memory. A collection's (or one document's) events by sequence number, or with no
/// collection the environment's whole change feed by journal offset. NDJSON, or Server-Sent Events when the client
/// accepts <c>text/event-stream</c> (the <c>id</c> is the sequence number or offset, for resuming). Admin credentials.
/// </summary>
public static class HistoryEndpoint
{
    public static IEndpointRouteBuilder MapHistory(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/history", HandleAsync);
        return app;
    }

    private static async Task HandleAsync(
        HttpContext http, Credentials credentials, EnvironmentDirectory environments, ActorSystem system, IOptions<ActorCloudOptions> options)
    {
        var query = http.Request.Query;
        var cancellation = http.RequestAborted;
        string env;
        HistoryQuery request;
        try
        {
            var authenticated = await credentials.FromBearerAsync(http.Request, cancellation);
            if (authenticated.User is not null) throw new GatewayError(ErrorCodes.DatabasePermissionDenied, "history is for admin callers only");
            env = query["env"].FirstOrDefault() ?? options.Value.Env;
            if (!await environments.ExistsAsync(env, cancellation)) throw new GatewayError(ErrorCodes.InvalidEnv, $"environment '{env}' does not exist");
            Credentials.CheckScope(authenticated, env);
            request = HistoryQuery.Parse(query);
        }
        catch (GatewayError e)
        {
            http.Response.StatusCode = e.Code == ErrorCodes.InvalidParam ? 400 : 403;
            await http.Response.WriteAsJsonAsync(new { code = e.Code, message = e.Message }, cancellation);
            return;
        }
        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        var events = request.Collection is { } collection
            ? CollectionEvents(journal, CollectionClient.EntityId(env, collection), request)
            : journal.CurrentEventsByTag(CollectionTags.ChangeFeed(env), Offset.Sequence(request.From - 1))
                .Select(e => (e, Offset: (long?)((Sequence)e.Offset).Value));
        var selected = events
            .Where(x => request.Keeps(x.e.Event))
            .Take(request.Limit ?? long.MaxValue);

        var sse = http.Request.Headers.Accept.Any(a => a?.Contains("text/event-stream") == true);
        http.Response.ContentType = sse ? "text/event-stream" : "application/x-ndjson";
        http.Response.Headers.CacheControl = "no-cache";
        var buffer = new ArrayBufferWriter<byte>(4096);
        await using var writer = new Utf8JsonWriter(buffer);
        try
        {
            await foreach (var (envelope, offset) in selected.RunAsAsyncEnumerable(system.Materializer()).WithCancellation(cancellation))
            {
                buffer.Clear();
                writer.Reset(buffer);
                HistoryJson.Write(writer, envelope.PersistenceId, envelope.SequenceNr, envelope.Event, offset);
                await writer.FlushAsync(cancellation);
                await WriteLineAsync(http.Response, buffer.WrittenMemory, sse, offset ?? envelope.SequenceNr, cancellation);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The reader went away; the stream stops with it.
        }
    }

    private static Source<(EventEnvelope e, long? Offset), Akka.NotUsed> CollectionEvents(SqlReadJournal journal, string entityId, HistoryQuery request)
    {
        var persistenceId = CollectionActor.PersistenceIdOf(entityId);
        var to = request.To ?? long.MaxValue;
        var source = request.Follow
            ? journal.EventsByPersistenceId(persistenceId, request.From, to)
            : journal.CurrentEventsByPersistenceId(persistenceId, request.From, to);
        return source.Select(e => (e, (long?)null));
    }

    private static async Task WriteLineAsync(HttpResponse response, ReadOnlyMemory<byte> json, bool sse, long id, CancellationToken cancellation)
    {
        if (sse)
        {
            await response.WriteAsync($"id: {id.ToString(CultureInfo.InvariantCulture)}\ndata: ", cancellation);
            await response.Body.WriteAsync(json, cancellation);
            await response.WriteAsync("\n\n", cancellation);
        }
        else
        {
            await response.Body.WriteAsync(json, cancellation);
            await response.WriteAsync("\n", cancellation);
        }
        await response.Body.FlushAsync(cancellation);
    }
}
