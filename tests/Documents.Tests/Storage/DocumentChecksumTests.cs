using ActorCloud.Documents.Storage;
using MongoDB.Bson;
using Xunit;

namespace ActorCloud.Documents.Tests.Storage;

public sealed class DocumentChecksumTests
{
    private static byte[] Doc(string json) => BsonDocument.Parse(json).ToBson();

    [Fact]
    public void Does_not_depend_on_order_and_tells_any_byte_apart()
    {
        byte[][] documents = [Doc("""{"_id":1,"n":1}"""), Doc("""{"_id":2,"n":2}"""), Doc("""{"_id":3,"s":"x"}""")];
        var checksum = DocumentChecksum.Of(documents);
        Assert.Equal(checksum, DocumentChecksum.Of(documents.Reverse()));
        Assert.StartsWith("3:", checksum);
        Assert.Matches("^3:[0-9a-f]{64}$", checksum);

        Assert.NotEqual(checksum, DocumentChecksum.Of(documents.Take(2)));
        Assert.NotEqual(checksum, DocumentChecksum.Of([documents[0], documents[1], Doc("""{"_id":3,"s":"y"}""")]));
        // Same value, another BSON type: a replay that turned an int32 into a double is not the same state.
        Assert.NotEqual(checksum, DocumentChecksum.Of([Doc("""{"_id":1,"n":1.0}"""), documents[1], documents[2]]));
        Assert.Equal("0:" + new string('0', 64), DocumentChecksum.Of([]));
    }
}
