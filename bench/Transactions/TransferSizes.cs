namespace ActorCloud.Bench.Transactions;

/// <summary>
/// How many transfers each phase runs, per contention level: <see cref="Plain"/> as two plain <c>$inc</c> updates (the
/// baseline), <see cref="Transactional"/> as committed transactions (retries not counted), and the 1-client lines of the
/// low-contention set. Clients and the two account sets are the same in both modes.
/// </summary>
public sealed record TransferSizes(
    string Mode, int WarmUpPlain, int WarmUpTransactional, int Plain, int Transactional, int OneClientPlain, int OneClientTransactional)
{
    public const int Clients = 16;

    /// <summary>Low contention: a transfer rarely meets another on the same account.</summary>
    public const int ManyAccounts = 10_000;

    /// <summary>High contention: 16 clients over 10 accounts, so most transfers share an account with one in flight.</summary>
    public const int FewAccounts = 10;

    /// <summary>Every account's opening balance: far above what the transfers (1–100 each) can take out.</summary>
    public const int OpeningBalance = 1_000_000;

    public static readonly TransferSizes Full = new("full", WarmUpPlain: 1_000, WarmUpTransactional: 150, Plain: 5_000, Transactional: 800,
        OneClientPlain: 400, OneClientTransactional: 100);

    public static readonly TransferSizes Quick = new("quick", WarmUpPlain: 300, WarmUpTransactional: 60, Plain: 1_000, Transactional: 200,
        OneClientPlain: 100, OneClientTransactional: 30);
}
