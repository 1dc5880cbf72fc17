using ActorCloud.Api.Hosting;

var app = ActorCloudApp.Build(args);
await app.StartAsync();
Console.WriteLine($"ActorCloud listening on {app.ListeningAddress().ToString().TrimEnd('/')}");
Console.WriteLine(app.InitLine());
await app.WaitForShutdownAsync();

/// <summary>Exposed so tests can reference the entry assembly.</summary>
public partial class Program;
