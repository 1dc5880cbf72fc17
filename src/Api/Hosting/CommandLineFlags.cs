namespace ActorCloud.Api.Hosting;

/// <summary>
/// The short flags of <c>dotnet run --project src/Api -- [options]</c>, mapped onto configuration keys so
/// flags, environment variables and appsettings.json are one mechanism (ASP.NET's command-line provider).
/// </summary>
public static class CommandLineFlags
{
    public static readonly IReadOnlyDictionary<string, string> Mappings = new Dictionary<string, string>
    {
        ["--port"] = "ActorCloud:Port",
        ["--data"] = "ActorCloud:Data",
        ["--env"] = "ActorCloud:Env",
        ["--admin-key"] = "ActorCloud:AdminKey",
        ["--journal"] = "ActorCloud:Journal:Provider",
        ["--journal-connection"] = "ActorCloud:Journal:ConnectionString",
        ["--blob-connection"] = "ActorCloud:Blob:ConnectionString",
        ["--create-on-first-write"] = "ActorCloud:Collections:CreateOnFirstWrite",
        ["--snapshot-every"] = "ActorCloud:Snapshots:Every",
        ["--memory-budget-mb"] = "ActorCloud:Collections:MemoryBudgetMB",
        ["--remoting-host"] = "ActorCloud:Remoting:Host",
        ["--remoting-port"] = "ActorCloud:Remoting:Port",
        ["--seed-nodes"] = "ActorCloud:Cluster:Seeds",
    };
}
