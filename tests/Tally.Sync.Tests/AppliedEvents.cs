using System.Diagnostics.Metrics;

namespace Tally.Sync.Tests;

/// <summary>Counts one node's <c>tally.sync.events.applied</c> by source (handoff or log), from its own meter factory.</summary>
public sealed class AppliedEvents : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _handedOver;
    private long _fromLog;

    public AppliedEvents(IMeterFactory meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name == "tally.sync.events.applied")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "source")
                {
                    Interlocked.Add(ref (string?)tag.Value == "handoff" ? ref _handedOver : ref _fromLog, value);
                }
            }
        });
        _listener.Start();
    }

    public long HandedOver => Interlocked.Read(ref _handedOver);

    public long FromLog => Interlocked.Read(ref _fromLog);

    public void Dispose() => _listener.Dispose();
}
