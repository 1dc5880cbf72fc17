using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ActorCloud.Cli.Http;

namespace ActorCloud.Cli.Commands;

/// <summary>
/// The environment's sign-in keys: <c>actorcloud login-keys create|list|delete</c> for custom-login key files (what a
/// backend signs tickets with) and <c>actorcloud tokens rotate</c> for the key user tokens are signed with.
/// </summary>
internal static class LoginKeysCommand
{
    /// <summary>The console's key file, exactly: what <c>tcb.init({credentials})</c> takes.</summary>
    private static readonly string[] KeyFileMembers = ["private_key_id", "private_key", "env_id"];

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const string OnceWarning =
        "note: the private key is shown only once (the server keeps only the public key); keep it secret";

    public static Command Create(CliContext context) => new("login-keys", "Make, list and delete custom-login key files")
    {
        CreateKey(context), List(context), Delete(context),
    };

    public static Command Tokens(CliContext context) => new("tokens", "Manage the key end users' tokens are signed with")
    {
        Rotate(context),
    };

    private static Command CreateKey(CliContext context)
    {
        var output = new Option<string?>("--output", "-o")
        {
            HelpName = "file",
            Description = "Write the key file here, readable by you only [default: stdout]",
        };
        var force = new Option<bool>("--force") { Description = "Overwrite --output if it exists" };
        var command = new Command("create", "Make a key file for signing custom-login tickets") { output, force };
        command.SetAction(async (parsed, cancellation) =>
        {
            var client = context.Client(parsed);
            if (parsed.GetValue(output) is { } path)
            {
                var keyId = await WriteKeyFileAsync(client, path, parsed.GetValue(force), cancellation);
                await context.Out.WriteLineAsync($"wrote key {keyId} to {path}");
            }
            else
            {
                var key = await client.CallAsync("actorcloud.createCustomLoginKey", _ => { }, cancellation);
                await context.Out.WriteLineAsync(Encoding.UTF8.GetString(KeyFile(key)));
            }
            await context.Error.WriteLineAsync(OnceWarning);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Opens the file before the key is made, so an existing or unwritable file costs no key; a file this made is removed
    /// again if the server refuses. The mode is also set on the handle before writing, since an overwritten file keeps
    /// its old one.
    /// </summary>
    private static async Task<string> WriteKeyFileAsync(AdminClient client, string path, bool force, CancellationToken cancellation)
    {
        var existed = File.Exists(path);
        if (existed && !force) throw CliError.Failure($"{path} exists; pass --force to overwrite it");
        await using var file = Open(path, force);
        JsonElement key;
        try
        {
            key = await client.CallAsync("actorcloud.createCustomLoginKey", _ => { }, cancellation);
        }
        catch when (!existed)
        {
            await file.DisposeAsync();
            File.Delete(path);
            throw;
        }
        var keyId = Member(key, "private_key_id");
        try
        {
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file.SafeFileHandle, OwnerOnly);
            file.SetLength(0);
            await file.WriteAsync(KeyFile(key), cancellation);
            await file.FlushAsync(cancellation);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliError.Failure(
                $"cannot write {path}: {e.Message}; key {keyId} was made anyway: delete it with 'actorcloud login-keys delete {keyId}'");
        }
        return keyId;
    }

    private static FileStream Open(string path, bool force)
    {
        try
        {
            var options = new FileStreamOptions
            {
                // Without --force, CreateNew also refuses a file that appeared since the check above.
                Mode = force ? FileMode.OpenOrCreate : FileMode.CreateNew,
                Access = FileAccess.Write,
            };
            // Created owner-only, so the file is never readable by others, not even before the key is in it.
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
            return new FileStream(path, options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliError.Failure($"cannot write {path}: {e.Message}");
        }
    }

    private static byte[] KeyFile(JsonElement key)
    {
        var buffer = new MemoryStream();
        // Relaxed escaping keeps the PEM's '+' readable; the file is JSON for programs, never embedded in HTML.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            foreach (var member in KeyFileMembers) writer.WriteString(member, Member(key, member));
            writer.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static Command List(CliContext context)
    {
        var command = new Command("list", "List the custom-login keys (their ids; the private keys are not kept)");
        command.SetAction(async (parsed, cancellation) =>
        {
            var data = await context.Client(parsed).CallAsync("actorcloud.listCustomLoginKeys", _ => { }, cancellation);
            var keys = data.TryGetProperty("Keys", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(k => (Id: Member(k, "private_key_id"), Created: Member(k, "CreateTime"))).ToList()
                : [];
            if (keys.Count == 0)
            {
                await context.Error.WriteLineAsync("no custom-login keys");
                return 0;
            }
            var width = keys.Max(k => k.Id.Length);
            await context.Out.WriteLineAsync($"{"ID".PadRight(width)}  CREATED");
            foreach (var (id, created) in keys) await context.Out.WriteLineAsync($"{id.PadRight(width)}  {created}");
            return 0;
        });
        return command;
    }

    private static Command Delete(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "The key's private_key_id" };
        var command = new Command("delete", "Delete a custom-login key: tickets signed with it are refused from now on") { id };
        command.SetAction(async (parsed, cancellation) =>
        {
            var keyId = parsed.GetRequiredValue(id);
            await context.Client(parsed).CallAsync("actorcloud.deleteCustomLoginKey", w => w.WriteString("private_key_id", keyId), cancellation);
            await context.Out.WriteLineAsync($"deleted {keyId}");
            return 0;
        });
        return command;
    }

    private static Command Rotate(CliContext context)
    {
        var retire = new Option<bool>("--retire-previous")
        {
            Description = "Also end every token issued so far (a leaked key): signed-in users must refresh or sign in again",
        };
        var command = new Command("rotate", "Sign new user tokens with a new key") { retire };
        command.SetAction(async (parsed, cancellation) =>
        {
            var retiring = parsed.GetValue(retire);
            var data = await context.Client(parsed).CallAsync("actorcloud.rotateTokenKey", w => w.WriteBoolean("RetirePrevious", retiring), cancellation);
            var after = retiring
                ? "tokens issued before now no longer work"
                : "tokens issued before now work until they expire";
            await context.Out.WriteLineAsync($"new token key {Member(data, "KeyId")}; {after}");
            return 0;
        });
        return command;
    }

    private static string Member(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw CliError.Failure($"the server's answer has no {name}");
}
