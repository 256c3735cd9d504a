namespace Tally.Bench.Hosting;

/// <summary>The last lines a child printed, kept so a failing server can explain itself without flooding the report.</summary>
public sealed class OutputTail(int capacity)
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();
    private long _total;

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_gate)
        {
            _total++;
            _lines.Enqueue(line);
            if (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    public long TotalLines
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (_gate)
        {
            return [.. _lines];
        }
    }
}
