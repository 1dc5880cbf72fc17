namespace ActorCloud.Bench.Storage;

/// <summary>
/// Samples a process's RSS every 20 ms on a thread of its own (a timer on the thread pool would be delayed by
/// the very transfers it watches) and keeps the peak. Dispose stops it.
/// </summary>
public sealed class RssSampler : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    private readonly int _pid;
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _peak;
    private int _samples;

    private RssSampler(int pid)
    {
        _pid = pid;
        _thread = new Thread(Sample) { IsBackground = true, Name = "rss-sampler" };
    }

    public long PeakBytes => Interlocked.Read(ref _peak);

    public int Samples => _samples;

    public static RssSampler Start(int pid)
    {
        var sampler = new RssSampler(pid);
        sampler._thread.Start();
        return sampler;
    }

    private void Sample()
    {
        try
        {
            while (!_stop)
            {
                var rss = ProcessMemory.ResidentBytes(_pid);
                if (rss > _peak) Interlocked.Exchange(ref _peak, rss);
                Interlocked.Increment(ref _samples);
                Thread.Sleep(Interval);
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // The process is gone; the transfer it served fails and says so.
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }
}
