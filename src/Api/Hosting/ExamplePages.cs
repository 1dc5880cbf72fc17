using Microsoft.Extensions.FileProviders;

namespace ActorCloud.Api.Hosting;

/// <summary>
/// The example pages (the repository's <c>examples</c> folder, with the unmodified web SDK from their own
/// <c>node_modules</c>) served read-only at <c>/examples/</c>, so they reach the host from the same origin and need
/// no CORS set-up. Off unless <c>Examples:Directory</c> names the folder.
/// </summary>
public static class ExamplePages
{
    public const string Path = "/examples";

    public static WebApplication UseExamplePages(this WebApplication app, ActorCloudOptions options)
    {
        if (options.Examples.Directory is not { Length: > 0 } directory) return app;
        var root = System.IO.Path.GetFullPath(directory);
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"Examples:Directory '{root}' does not exist");
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(root),
            RequestPath = Path,
            ServeUnknownFileTypes = false,
        });
        return app;
    }
}
