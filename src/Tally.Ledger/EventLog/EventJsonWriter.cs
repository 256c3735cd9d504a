using System.Buffers;
using System.Text.Json;

namespace Tally.Ledger.EventLog;

/// <summary>A JSON writer and its buffer, reused payload after payload by one thread (<see cref="EventCodec.EncodeUtf8"/>).</summary>
internal sealed class EventJsonWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _writer;

    // The serializer's own writer options (its encoder, not indented): the bytes are exactly what serializing to a string gives.
    public EventJsonWriter() => _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = EventJsonContext.Default.Options.Encoder });

    public Utf8JsonWriter Start()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        return _writer;
    }

    public ReadOnlySpan<byte> Written
    {
        get
        {
            _writer.Flush();
            return _buffer.WrittenSpan;
        }
    }
}
