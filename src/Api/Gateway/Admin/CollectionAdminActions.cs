using ActorCloud.Api.Gateway.Database;
using ActorCloud.Persistence.Queries;
using static ActorCloud.Actors.Collections.CollectionCommands;
using static ActorCloud.Actors.Collections.CollectionReplies;

namespace ActorCloud.Api.Gateway.Admin;

/// <summary>
/// ActorCloud's own admin chores on <c>/admin</c> (CloudBase has them only in its management API):
/// list and drop collections, list and create environments.
/// </summary>
public sealed class CollectionAdminActions(CollectionClient collections, EntityCatalog catalog, EnvironmentDirectory environments)
{
    public async Task<GatewayReply> ListCollectionsAsync(ActionContext context)
    {
        var names = await catalog.ListCollectionsAsync(context.Env, context.Cancellation);
        var described = await Task.WhenAll(names.Select(name => collections.AskAsync<Described>(
            new DescribeCollection(CollectionClient.EntityId(context.Env, name)), context.Cancellation)));
        return new GatewayReply(w =>
        {
            w.WriteStartArray("collections");
            for (var i = 0; i < names.Count; i++)
            {
                if (!described[i].Exists) continue;
                w.WriteStartObject();
                w.WriteString("name", names[i]);
                w.WriteNumber("count", described[i].Documents);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });
    }

    public async Task<GatewayReply> DropCollectionAsync(ActionContext context)
    {
        var id = CollectionClient.EntityId(context.Env, context.Request.RequiredString("collectionName"));
        await collections.AskAsync<Done>(new DropCollection(id, context.Caller), context.Cancellation);
        return GatewayReply.Empty;
    }

    public async Task<GatewayReply> ListEnvironmentsAsync(ActionContext context)
    {
        var names = await environments.ListAsync(context.Cancellation);
        return new GatewayReply(w =>
        {
            w.WriteStartArray("environments");
            foreach (var name in names) w.WriteStringValue(name);
            w.WriteEndArray();
        });
    }

    public async Task<GatewayReply> CreateEnvironmentAsync(ActionContext context)
    {
        var env = context.Request.RequiredString("name");
        var created = await environments.CreateAsync(env, context.Caller, context.Cancellation);
        return new GatewayReply(w =>
        {
            w.WriteString("name", env);
            w.WriteBoolean("created", created);
        });
    }
}
