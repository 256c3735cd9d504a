using Tally.Domain.Events;
using Tally.Ledger.EventLog;

namespace Tally.Ledger.Postgres;

/// <summary>Events to append, as the column arrays the insert takes.</summary>
internal sealed class EventRows(int capacity)
{
    public int Count { get; private set; }

    public string[] Types { get; } = new string[capacity];

    public Guid[] PollIds { get; } = new Guid[capacity];

    public string[] Payloads { get; } = new string[capacity];

    public long[] RecordedAt { get; } = new long[capacity];

    public LedgerEvent[] Events { get; } = new LedgerEvent[capacity];

    public void Add(LedgerEvent e, DateTimeOffset at)
    {
        Types[Count] = EventCodec.TypeOf(e);
        PollIds[Count] = e.PollId;
        Payloads[Count] = EventCodec.Encode(e);
        RecordedAt[Count] = PostgresValues.Ticks(at);
        Events[Count] = e;
        Count++;
    }
}
