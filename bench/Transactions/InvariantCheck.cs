using System.Text.Json;

namespace ActorCloud.Bench.Transactions;

/// <summary>
/// After the run, reads every account and every ledger entry back and checks: each collection's balances add up to its
/// opening total (transfers only move money); each account holds exactly what the acknowledged updates and commits
/// imply; the ledger holds one entry per committed transfer and no other, each naming that transfer's accounts and
/// amount. Prints one line per check and every discrepancy (up to a few per check).
/// </summary>
public sealed class InvariantCheck(DatabaseCalls db, string ledgerCollection, Ledger ledger)
{
    private const int ShownPerCheck = 5;
    private readonly List<string> _failures = [];

    public IReadOnlyList<string> Failures => _failures;

    public async Task<bool> RunAsync(IReadOnlyList<AccountSet> sets)
    {
        foreach (var set in sets) await CheckAccountsAsync(set);
        await CheckLedgerAsync(sets);
        return _failures.Count == 0;
    }

    private async Task CheckAccountsAsync(AccountSet set)
    {
        var documents = await db.ReadAllAsync(set.Collection);
        var seen = new bool[set.Count];
        long total = 0;
        var problems = new List<string>();
        foreach (var document in documents)
        {
            var id = document.GetProperty("_id").GetString() ?? "";
            var balance = Ejson.Integer(document.GetProperty("balance"));
            total += balance;
            var index = AccountSet.IndexOf(id);
            if (index < 0 || index >= set.Count || seen[index])
            {
                problems.Add($"unexpected or repeated account '{id}'");
                continue;
            }
            seen[index] = true;
            if (balance != set.Expected(index))
                problems.Add($"{id}: balance {balance:N0}, expected {set.Expected(index):N0} ({balance - set.Expected(index):+#,0;-#,0})");
        }
        var missing = seen.Count(s => !s);
        if (missing > 0) problems.Add($"{missing} accounts missing");
        Check($"'{set.Collection}': sum of {set.Count:N0} balances", total == set.OpeningTotal,
            $"{total:N0} (opening {set.OpeningTotal:N0}{(total == set.OpeningTotal ? ", unchanged" : $", off by {total - set.OpeningTotal:+#,0;-#,0}")})", []);
        Check($"'{set.Collection}': every balance as acknowledged", problems.Count == 0,
            problems.Count == 0 ? $"{documents.Count:N0} accounts match" : $"{problems.Count:N0} discrepancies", problems);
    }

    private async Task CheckLedgerAsync(IReadOnlyList<AccountSet> sets)
    {
        var entries = await db.ReadAllAsync(ledgerCollection);
        foreach (var set in sets)
        {
            var committed = ledger.CommittedIn(set.Label);
            var expected = committed.ToHashSet();
            var found = new HashSet<int>();
            var problems = new List<string>();
            var count = 0;
            foreach (var entry in entries.Where(e => e.GetProperty("set").GetString() == set.Label))
            {
                count++;
                var transfer = (int)Ejson.Integer(entry.GetProperty("transfer"));
                if (!found.Add(transfer)) problems.Add($"transfer {transfer} recorded more than once");
                if (!expected.Contains(transfer)) problems.Add($"transfer {transfer} recorded but never acknowledged as committed");
                var t = set.TransferAt(TransferPhases.TransactionalStream, transfer);
                var (from, to, amount) = (entry.GetProperty("from").GetString(), entry.GetProperty("to").GetString(), Ejson.Integer(entry.GetProperty("amount")));
                if (from != AccountSet.Id(t.From) || to != AccountSet.Id(t.To) || amount != t.Amount)
                    problems.Add($"transfer {transfer} recorded as {amount} from {from} to {to}, sent as {t.Amount} from {AccountSet.Id(t.From)} to {AccountSet.Id(t.To)}");
            }
            var lost = expected.Count(n => !found.Contains(n));
            if (lost > 0) problems.Add($"{lost} committed transfers have no ledger entry");
            Check($"'{ledgerCollection}' entries of '{set.Label}' = committed", count == committed.Count && problems.Count == 0,
                $"{count:N0} entries, {committed.Count:N0} committed", problems);
        }
        var strays = entries.Count(e => !sets.Any(s => e.GetProperty("set").GetString() == s.Label));
        Check($"'{ledgerCollection}': entries of no account set", strays == 0, $"{strays}", []);
    }

    private void Check(string name, bool pass, string measured, IReadOnlyList<string> problems)
    {
        Console.WriteLine($"  {name,-52} {measured,-44} {(pass ? "PASS" : "FAIL")}");
        foreach (var problem in problems.Take(ShownPerCheck)) Console.WriteLine($"    ! {problem}");
        if (problems.Count > ShownPerCheck) Console.WriteLine($"    ! … and {problems.Count - ShownPerCheck:N0} more");
        if (!pass) _failures.Add($"{name}: {measured}");
    }
}
