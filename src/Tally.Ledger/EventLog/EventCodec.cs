using System.Text;
using System.Text.Json;
using Tally.Domain.Events;

namespace Tally.Ledger.EventLog;

/// <summary>How events are written into the log: a type name plus a snake_case JSON payload, readable with any SQL client.</summary>
public static class EventCodec
{
    public static string TypeOf(LedgerEvent e) => e switch
    {
        VoteCast => nameof(VoteCast),
        VoteRetracted => nameof(VoteRetracted),
        VoteReinstated => nameof(VoteReinstated),
        PollCreated => nameof(PollCreated),
        PollClosed => nameof(PollClosed),
        AdminGranted => nameof(AdminGranted),
        AdminRevoked => nameof(AdminRevoked),
        UserRegistered => nameof(UserRegistered),
        BlockPlaced => nameof(BlockPlaced),
        BlockLifted => nameof(BlockLifted),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown event type."),
    };

    // One writer per thread: the SQLite writer binds the UTF-8 straight from it, so a vote's payload allocates nothing.
    [ThreadStatic]
    private static EventJsonWriter? t_writer;

    public static string Encode(LedgerEvent e) => Encoding.UTF8.GetString(EncodeUtf8(e));

    /// <returns>The payload in UTF-8, valid until this thread's next call.</returns>
    public static ReadOnlySpan<byte> EncodeUtf8(LedgerEvent e)
    {
        var json = t_writer ??= new EventJsonWriter();
        var writer = json.Start();
        switch (e)
        {
            case VoteCast v: JsonSerializer.Serialize(writer, v, EventJsonContext.Default.VoteCast); break;
            case VoteRetracted r: JsonSerializer.Serialize(writer, r, EventJsonContext.Default.VoteRetracted); break;
            case VoteReinstated r: JsonSerializer.Serialize(writer, r, EventJsonContext.Default.VoteReinstated); break;
            case PollCreated c: JsonSerializer.Serialize(writer, c, EventJsonContext.Default.PollCreated); break;
            case PollClosed c: JsonSerializer.Serialize(writer, c, EventJsonContext.Default.PollClosed); break;
            case AdminGranted g: JsonSerializer.Serialize(writer, g, EventJsonContext.Default.AdminGranted); break;
            case AdminRevoked r: JsonSerializer.Serialize(writer, r, EventJsonContext.Default.AdminRevoked); break;
            case UserRegistered u: JsonSerializer.Serialize(writer, u, EventJsonContext.Default.UserRegistered); break;
            case BlockPlaced b: JsonSerializer.Serialize(writer, b, EventJsonContext.Default.BlockPlaced); break;
            case BlockLifted b: JsonSerializer.Serialize(writer, b, EventJsonContext.Default.BlockLifted); break;
            default: throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown event type.");
        }
        return json.Written;
    }

    public static LedgerEvent Decode(string type, string payload) => (type switch
    {
        nameof(VoteCast) => (LedgerEvent?)JsonSerializer.Deserialize(payload, EventJsonContext.Default.VoteCast),
        nameof(VoteRetracted) => JsonSerializer.Deserialize(payload, EventJsonContext.Default.VoteRetracted),
        nameof(VoteReinstated) => JsonSerializer.Deserialize(payload, EventJsonContext.Default.VoteReinstated),
        nameof(PollCreated) => JsonSerializer.Deserialize(payload, EventJsonContext.Default.PollCreated),
        nameof(PollClosed) => JsonSerializer.Deserialize(payload, EventJsonContext.Default.PollClosed),
        nameof(AdminGranted) => JsonSerializer.Deserialize(payload, EventJsonContext.Default.AdminGranted),
        nameof(AdminRevoked) => JsonSerializer.Deserialize(payload, EventJsonContext.Default.AdminRevoked),
        nameof(UserRegistered) => JsonSerializer.Deserialize(payload, EventJsonContext.Default.UserRegistered),
        nameof(BlockPlaced) => JsonSerializer.Deserialize(payload, EventJsonContext.Default.BlockPlaced),
        nameof(BlockLifted) => JsonSerializer.Deserialize(payload, EventJsonContext.Default.BlockLifted),
        _ => null,
    }) ?? throw new InvalidDataException($"Event of type '{type}' could not be decoded.");
}
