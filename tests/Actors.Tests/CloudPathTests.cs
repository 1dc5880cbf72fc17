using ActorCloud.Actors.Files;
using ActorCloud.Documents;

namespace ActorCloud.Actors.Tests;

/// <summary>CloudBase's cloudPath rules and file id parsing, one case a line.</summary>
public sealed class CloudPathTests
{
    [Theory]
    [InlineData("a.txt")]
    [InlineData("photos/2024/cat.png")]
    [InlineData("测试/照片 1.jpg")]
    [InlineData("a!-_.*'()+=,;@&$ b/c")]
    [InlineData("...hidden/x..y")]
    public void Accepts(string path) => Assert.Equal(path, CloudPath.Validate(path));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("/a.txt", "start with '/'")]
    [InlineData("a//b.txt", "'//'")]
    [InlineData("a/", "end with '/'")]
    [InlineData("../etc/passwd", "'..'")]
    [InlineData("a/../../b", "'..'")]
    [InlineData("a/./b", "'.'")]
    [InlineData(".", "'.'")]
    [InlineData("a\u0000b", "control")]
    [InlineData("a\nb", "control")]
    [InlineData("a\u001bb", "control")]
    [InlineData("a%2e%2e/b", "'%'")]
    [InlineData("a#b", "'#'")]
    [InlineData("a?b=1", "'?'")]
    [InlineData("a\\b", "'\\'")]
    [InlineData("a<b>", "'<'")]
    [InlineData("a{b}", "'{'")]
    [InlineData("a[b]", "'['")]
    [InlineData("a~b", "'~'")]
    [InlineData("a^b", "'^'")]
    [InlineData("a`b", "'`'")]
    [InlineData("a\"b", "'\"'")]
    public void Refuses(string path, string reason)
    {
        var error = Assert.Throws<DocumentException>(() => CloudPath.Validate(path));
        Assert.Equal(ErrorCodes.InvalidParam, error.Code);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Refuses_a_lone_surrogate()
    {
        // Built at run time: a lone surrogate in an attribute argument would not survive into metadata.
        var path = "a" + (char)0xD800 + "b";
        Assert.Contains("Unicode", Assert.Throws<DocumentException>(() => CloudPath.Validate(path)).Message);
    }

    [Fact]
    public void Limits_a_path_to_850_bytes_of_utf8_not_850_characters()
    {
        Assert.Equal(850, CloudPath.Validate(new string('a', 850)).Length);
        Assert.Throws<DocumentException>(() => CloudPath.Validate(new string('a', 851)));
        Assert.Throws<DocumentException>(() => CloudPath.Validate(new string('测', 284)));
        Assert.Equal(283, CloudPath.Validate(new string('测', 283)).Length);
    }

    [Fact]
    public void Entity_ids_are_short_stable_and_distinct_per_environment_and_path()
    {
        var id = CloudPath.EntityId("dev", new string('a', 850));
        Assert.Equal(4 + 64, id.Length);
        Assert.Equal(id, CloudPath.EntityId("dev", new string('a', 850)));
        Assert.NotEqual(CloudPath.EntityId("dev", "a"), CloudPath.EntityId("prod", "a"));
        Assert.NotEqual(CloudPath.EntityId("dev", "a"), CloudPath.EntityId("dev", "A"));
    }

    private static readonly FileIds Ids = new(FileIds.DefaultAppNumber);

    [Fact]
    public void File_ids_have_CloudBase_shape_and_parse_back()
    {
        var fileId = Ids.Format("dev", "a/测试.png");
        Assert.Equal("cloud://dev.dev-1250000000/a/测试.png", fileId);
        Assert.Equal("a/测试.png", Ids.PathIn("dev", fileId));
        Assert.Equal("a/b.png", Ids.PathOrFileId("dev", "a/b.png"));
        Assert.Equal("a/b.png", Ids.PathOrFileId("dev", "cloud://dev.dev-1250000000/a/b.png"));
    }

    [Theory]
    [InlineData("dev/a.png", ErrorCodes.InvalidParam)]
    [InlineData("cloud://dev-1250000000/a.png", ErrorCodes.InvalidParam)]
    [InlineData("cloud://dev.dev-1250000000", ErrorCodes.InvalidParam)]
    [InlineData("cloud://dev.dev-1250000000/", ErrorCodes.InvalidParam)]
    [InlineData("cloud://dev.dev-1250000000/../x", ErrorCodes.InvalidParam)]
    [InlineData("cloud://prod.prod-1250000000/a.png", ErrorCodes.StorageExceedAuthority)]
    [InlineData("cloud://dev.dev-1300000000/a.png", ErrorCodes.StorageExceedAuthority)]
    [InlineData("cloud://dev.7465-dev-1250000000/a.png", ErrorCodes.StorageExceedAuthority)]
    public void Refuses_file_ids_that_are_malformed_or_of_another_environment(string fileId, string code) =>
        Assert.Equal(code, Assert.Throws<DocumentException>(() => Ids.PathIn("dev", fileId)).Code);
}
