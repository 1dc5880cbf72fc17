using System.Globalization;

namespace ActorCloud.Bench.Transactions;

/// <summary>One transfer: <see cref="Amount"/> from account <see cref="From"/> to account <see cref="To"/> (indexes).</summary>
public readonly record struct Transfer(int From, int To, int Amount);

/// <summary>
/// A collection of accounts (<c>{_id: "acct-00042", balance}</c>) and the balances the client expects it to hold: every
/// update or commit the server acknowledged is applied here too, so the final read can be compared account by account.
/// Transfers are a fixed function of their number, so every run moves the same amounts between the same accounts and a
/// ledger entry can be checked against the transfer it claims to record.
/// </summary>
public sealed class AccountSet(string label, string collection, int count)
{
    private readonly long[] _expected = Enumerable.Repeat((long)TransferSizes.OpeningBalance, count).ToArray();

    /// <summary>Names the set in ledger entries and reports: <c>low</c>, <c>high</c>, <c>warm-up</c>.</summary>
    public string Label { get; } = label;

    public string Collection { get; } = collection;

    public int Count { get; } = count;

    public long OpeningTotal => (long)Count * TransferSizes.OpeningBalance;

    public long Expected(int account) => Volatile.Read(ref _expected[account]);

    /// <summary>Records an acknowledged change of one balance.</summary>
    public void Apply(int account, int delta) => Interlocked.Add(ref _expected[account], delta);

    public static string Id(int account) => $"acct-{account.ToString("D5", CultureInfo.InvariantCulture)}";

    public static int IndexOf(string id) =>
        id.StartsWith("acct-", StringComparison.Ordinal) && int.TryParse(id.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            ? i
            : -1;

    public string AccountDocument(int account) =>
        $$"""{"_id":"{{Id(account)}}","balance":{{ActionBodies.Int(TransferSizes.OpeningBalance)}}}""";

    /// <summary>
    /// Transfer <paramref name="number"/> of a stream (plain and transactional transfers draw from different streams):
    /// two distinct accounts and an amount of 1–100, from a SplitMix64 hash of both.
    /// </summary>
    public Transfer TransferAt(int stream, int number)
    {
        var h = Mix(((ulong)(uint)stream << 32) | (uint)number);
        var from = (int)(h % (ulong)Count);
        var to = (int)((ulong)from + 1 + (h >> 20) % (ulong)(Count - 1)) % Count;
        return new Transfer(from, to, 1 + (int)((h >> 44) % 100));
    }

    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
