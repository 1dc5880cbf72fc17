using ActorCloud.Actors.Files;
using ActorCloud.Actors.Serialization;
using Akka.Actor;
using Akka.Hosting;
using static ActorCloud.Actors.Files.FileReplies;

namespace ActorCloud.Api.Storage;

/// <summary>Asks file entities through the shard region; refusals come back as <see cref="FileFailed"/> for the caller to map.</summary>
public sealed class FileClient(IRequiredActor<FileRegion> region, MessageRoundTrip roundTrip)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(12);

    public async Task<IFileReply> AskAsync(IFileMessage message, CancellationToken cancellation) =>
        roundTrip.Apply(await region.ActorRef.Ask<IFileReply>(roundTrip.Apply(message), Timeout, cancellation));

    public async Task<FileView> GetAsync(string entityId, CancellationToken cancellation) =>
        (FileView)await AskAsync(new FileCommands.GetFile(entityId), cancellation);
}
