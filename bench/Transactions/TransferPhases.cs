using System.Diagnostics;

namespace ActorCloud.Bench.Transactions;

/// <summary>What one phase of transfers measured, beyond the closed loop's latencies.</summary>
public sealed record TransferResult(
    string Name, AccountSet Accounts, int Clients, LoopMeasurement Loop, long Committed, long Conflicts, long ConflictsBeforeCommit,
    long Declined, long GaveUp, int MaxAttempts, long BeyondSdkRetries, StepTimes? Steps)
{
    /// <summary>Committed transfers per second (plain transfers: completed ones).</summary>
    public double Rate => Committed / Loop.Elapsed.TotalSeconds;

    /// <summary>Conflicts per committed transaction.</summary>
    public double ConflictRate => Committed == 0 ? 0 : Conflicts / (double)Committed;

    public bool Transactional => Steps is not null;
}

/// <summary>Mean time of each step of a committed attempt, in milliseconds.</summary>
public sealed record StepTimes(double Start, double Reads, double Writes, double Commit);

/// <summary>
/// Runs transfers from closed-loop clients (<see cref="ClosedLoop"/>: each sends its next transfer once the previous one
/// is done; a transfer's latency includes its retries). Plain transfers are two <c>$inc</c> updates; transactional ones
/// follow node-sdk's <c>runTransaction</c>: on <c>DATABASE_TRANSACTION_CONFLICT</c> the whole transaction starts again.
/// </summary>
public sealed class TransferPhases(DatabaseCalls db, string ledger)
{
    /// <summary>node-sdk's <c>runTransaction</c> gives up after its first attempt and 3 retries.</summary>
    public const int SdkAttempts = 4;

    /// <summary>Past this many attempts a transfer is given up and reported (it is not counted as committed).</summary>
    public const int AttemptLimit = 1000;

    public const int PlainStream = 1;
    public const int TransactionalStream = 2;

    public async Task<TransferResult> PlainAsync(string name, AccountSet accounts, int count, int clients, int firstNumber = 0)
    {
        var loop = await ClosedLoop.RunAsync(count, clients, async i =>
        {
            var t = accounts.TransferAt(PlainStream, firstNumber + i);
            // Each acknowledged update is recorded at once: should the second fail, the expectation still matches the server.
            await db.IncrementBalanceAsync(accounts.Collection, AccountSet.Id(t.From), -t.Amount, null);
            accounts.Apply(t.From, -t.Amount);
            await db.IncrementBalanceAsync(accounts.Collection, AccountSet.Id(t.To), t.Amount, null);
            accounts.Apply(t.To, t.Amount);
        });
        return new TransferResult(name, accounts, clients, loop, loop.Count - loop.Errors, 0, 0, 0, 0, 1, 0, null);
    }

    public async Task<TransferResult> TransactionalAsync(string name, AccountSet accounts, int count, int clients, Ledger entries, int firstNumber = 0)
    {
        long conflicts = 0, beforeCommit = 0, declined = 0, gaveUp = 0, beyondSdk = 0, committed = 0;
        long start = 0, reads = 0, writes = 0, commit = 0;
        var maxAttempts = 0;
        var loop = await ClosedLoop.RunAsync(count, clients, async i =>
        {
            var number = firstNumber + i;
            var t = accounts.TransferAt(TransactionalStream, number);
            var from = AccountSet.Id(t.From);
            var to = AccountSet.Id(t.To);
            for (var attempt = 1; ; attempt++)
            {
                var atCommit = false;
                try
                {
                    var t0 = Stopwatch.GetTimestamp();
                    var transaction = await db.StartTransactionAsync();
                    var t1 = Stopwatch.GetTimestamp();
                    var fromBalance = await db.GetBalanceAsync(accounts.Collection, from, transaction);
                    await db.GetBalanceAsync(accounts.Collection, to, transaction);
                    var t2 = Stopwatch.GetTimestamp();
                    if (fromBalance < t.Amount)
                    {
                        // Never expected with the opening balances: counted, and the run stays correct if it happens.
                        await db.AbortAsync(transaction);
                        Interlocked.Increment(ref declined);
                        return;
                    }
                    await db.IncrementBalanceAsync(accounts.Collection, from, -t.Amount, transaction);
                    await db.IncrementBalanceAsync(accounts.Collection, to, t.Amount, transaction);
                    await db.InsertAsync(ledger, [Ledger.Entry(accounts.Label, number, from, to, t.Amount)], transaction);
                    var t3 = Stopwatch.GetTimestamp();
                    atCommit = true;
                    await db.CommitAsync(transaction);
                    var t4 = Stopwatch.GetTimestamp();

                    accounts.Apply(t.From, -t.Amount);
                    accounts.Apply(t.To, t.Amount);
                    entries.Committed(accounts.Label, number);
                    Interlocked.Increment(ref committed);
                    Interlocked.Add(ref start, t1 - t0);
                    Interlocked.Add(ref reads, t2 - t1);
                    Interlocked.Add(ref writes, t3 - t2);
                    Interlocked.Add(ref commit, t4 - t3);
                    if (attempt > SdkAttempts) Interlocked.Increment(ref beyondSdk);
                    InterlockedMax(ref maxAttempts, attempt);
                    return;
                }
                catch (GatewayException e) when (e.IsConflict)
                {
                    Interlocked.Increment(ref conflicts);
                    if (!atCommit) Interlocked.Increment(ref beforeCommit);
                    if (attempt >= AttemptLimit)
                    {
                        Interlocked.Increment(ref gaveUp);
                        InterlockedMax(ref maxAttempts, attempt);
                        return;
                    }
                }
            }
        });
        double Mean(long ticks) => committed == 0 ? 0 : ticks * 1000.0 / Stopwatch.Frequency / committed;
        return new TransferResult(name, accounts, clients, loop, committed, conflicts, beforeCommit, declined, gaveUp, maxAttempts, beyondSdk,
            new StepTimes(Mean(start), Mean(reads), Mean(writes), Mean(commit)));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }
}
