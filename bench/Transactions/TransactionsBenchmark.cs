using System.Runtime;

namespace ActorCloud.Bench.Transactions;

/// <summary>
/// Money transfers against one in-process host over HTTP: seed the account collections, an unreported warm-up, then
/// for each contention level the plain baseline (two <c>$inc</c> updates) and the same transfers as transactions
/// (start, read both accounts, update both, insert a ledger entry into a second collection, commit; retried whole on
/// conflict); then every balance and ledger entry is read back and checked, and the summary prints the ratios.
/// </summary>
public sealed class TransactionsBenchmark(TransferSizes sizes, string workDirectory)
{
    private const string LedgerCollection = "ledger";
    private const int Clients = TransferSizes.Clients;

    private readonly Report _report = new();

    /// <summary>Runs everything; returns the exit code (1 when a request failed with anything but a conflict, or an invariant broke).</summary>
    public async Task<int> RunAsync()
    {
        PrintSetup();
        var host = await BenchHost.StartAsync(Path.Combine(workDirectory, "actorcloud"));
        try
        {
            using var client = new GatewayClient(host.BaseAddress, BenchHost.Env, BenchHost.AdminKey, connections: Clients * 2);
            var db = new DatabaseCalls(client, new ActionBodies(BenchHost.Env));
            var warm = new AccountSet("warm-up", "warmup_accounts", 1_000);
            var low = new AccountSet("low", "accounts", TransferSizes.ManyAccounts);
            var high = new AccountSet("high", "hot_accounts", TransferSizes.FewAccounts);
            await db.AddCollectionAsync(LedgerCollection);
            foreach (var set in new[] { warm, low, high }) await SeedAsync(db, set);

            var ledger = new Ledger();
            var phases = new TransferPhases(db, LedgerCollection);
            // Not reported: tiered JIT, the connection pool and the transaction region settle first.
            _report.Quiet(await phases.PlainAsync("warm-up, plain", warm, sizes.WarmUpPlain, Clients));
            _report.Quiet(await phases.TransactionalAsync("warm-up, transactions", warm, sizes.WarmUpTransactional, Clients, ledger));

            Report.Section($"Low contention: {Clients} clients over {TransferSizes.ManyAccounts:N0} accounts ('{low.Collection}')");
            Report.Header();
            var lowPlain = _report.Row(await phases.PlainAsync("plain: 2 x $inc (baseline)", low, sizes.Plain, Clients));
            var lowTxn = _report.Row(await phases.TransactionalAsync("transaction", low, sizes.Transactional, Clients, ledger));
            var onePlain = _report.Row(await phases.PlainAsync("plain, 1 client", low, sizes.OneClientPlain, 1, firstNumber: sizes.Plain));
            var oneTxn = _report.Row(await phases.TransactionalAsync("transaction, 1 client", low, sizes.OneClientTransactional, 1, ledger,
                firstNumber: sizes.Transactional));

            Report.Section($"High contention: {Clients} clients over {TransferSizes.FewAccounts} accounts ('{high.Collection}')");
            Report.Header();
            var highPlain = _report.Row(await phases.PlainAsync("plain: 2 x $inc (baseline)", high, sizes.Plain, Clients));
            var highTxn = _report.Row(await phases.TransactionalAsync("transaction", high, sizes.Transactional, Clients, ledger));

            Report.Section("Invariants (every account and ledger entry read back)");
            var check = new InvariantCheck(db, LedgerCollection, ledger);
            var consistent = await check.RunAsync([warm, low, high]);

            Report.Section("Summary (ratio = transactions / plain baseline of this run)");
            Compare("low contention", lowPlain, lowTxn);
            Compare("high contention", highPlain, highTxn);
            Compare("1 client (uncontended)", onePlain, oneTxn);
            Report.Line("conflicts per committed transaction", $"low {Report.Number(lowTxn.ConflictRate, "F3")}, high {Report.Number(highTxn.ConflictRate, "F3")}");
            Report.Line("invariants", consistent ? "PASS" : "FAIL");
            foreach (var failure in check.Failures) Console.WriteLine($"  INVARIANT BROKEN: {failure}");
            foreach (var failure in _report.Failures) Console.WriteLine($"  {failure}");
            return consistent && !_report.HasErrors ? 0 : 1;
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private void PrintSetup()
    {
        Report.Section($"ActorCloud transactions benchmark ({sizes.Mode} run)");
        Report.Line("machine", $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC; clients and server share this process");
        if (File.Exists("/proc/loadavg")) Report.Line("load average at start", File.ReadAllText("/proc/loadavg").Trim());
        Report.Line("clients", $"{Clients} concurrent, closed loop, HTTP/1.1 keep-alive; a transfer's latency includes its retries");
        Report.Line("transfer", "1-100 between two distinct accounts; opening balance " +
            $"{TransferSizes.OpeningBalance:N0}; transactions retried whole on DATABASE_TRANSACTION_CONFLICT");
        Report.Line("data", workDirectory);
    }

    private static async Task SeedAsync(DatabaseCalls db, AccountSet set)
    {
        await db.AddCollectionAsync(set.Collection);
        for (var first = 0; first < set.Count; first += 1000)
            await db.InsertAsync(set.Collection, [.. Enumerable.Range(first, Math.Min(1000, set.Count - first)).Select(set.AccountDocument)]);
    }

    private static void Compare(string label, TransferResult plain, TransferResult transactional) =>
        Report.Line(label, $"{Report.Number(transactional.Rate, "N1")} / {Report.Number(plain.Rate, "N1")} transfers/s = " +
            $"{Report.Number(transactional.Rate / plain.Rate, "F3")}; p50 {Report.Number(transactional.Loop.P50Ms, "F2")} / " +
            $"{Report.Number(plain.Loop.P50Ms, "F2")} ms = x{Report.Number(transactional.Loop.P50Ms / plain.Loop.P50Ms, "F1")}");
}
