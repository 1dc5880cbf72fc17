namespace ActorCloud.Api.Tests.Support;

/// <summary>One real host shared by the tests of a class (starting one costs seconds); subclasses pass extra flags.</summary>
public class HostFixture : IAsyncLifetime
{
    private readonly string[] _args;

    public HostFixture() : this([]) { }

    protected HostFixture(string[] args) => _args = args;

    public TestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await TestHost.StartAsync(null, _args);

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Host.DeleteData();
    }
}
