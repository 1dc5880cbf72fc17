using ActorCloud.Api.Hosting;

var app = ActorCloudApp.Build(args);
await app.StartAsync();
Console.WriteLine($"ActorCloud listening on {app.ListeningAddress().ToString().TrimEnd('/')}");
Console.WriteLine(app.InitLine());
await app.WaitForShutdownAsync();
