using System.Text.Json;
using System.Text.Json.Serialization;
using Tally.Domain.Events;

namespace Tally.Ledger.EventLog;

/// <summary>How events are written into the log: a type name plus a snake_case JSON payload, readable with any SQL client.</summary>
public static class EventCodec
{
    public static string TypeOf(LedgerEvent e) => e switch
    {
        VoteCast => nameof(VoteCast),
        VoteRetracted => nameof(VoteRetracted),
        PollCreated => nameof(PollCreated),
        PollClosed => nameof(PollClosed),
        AdminGranted => nameof(AdminGranted),
        AdminRevoked => nameof(AdminRevoked),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown event type."),
    };

    public static string Encode(LedgerEvent e) => e switch
    {
        VoteCast v => JsonSerializer.Serialize(v, EventJsonContext.Default.VoteCast),
        VoteRetracted r => JsonSerializer.Serialize(r, EventJsonContext.Default.VoteRetracted),
        PollCreated c => JsonSerializer.Serialize(c, EventJsonContext.Default.PollCreated),
        PollClosed c => JsonSerializer.Serialize(c, EventJsonContext.Default.PollClosed),
        AdminGranted g => JsonSerializer.Serialize(g, EventJsonContext.Default.AdminGranted),
        AdminRevoked r => JsonSerializer.Serialize(r, EventJsonContext.Default.AdminRevoked),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown event type."),
    };

    public static LedgerEvent Decode(string type, string payload) => (type switch
    {
        nameof(VoteCast) => (LedgerEvent?)JsonSerializer.Deserialize(payload, EventJsonContext.Default.VoteCast),
        nameof(VoteRetracted) => JsonSerializer.Deserialize(payload, EventJsonContext.Default.VoteRetracted),
        nameof(PollCreated) => JsonSerializer.Deserialize(payload, EventJsonContext.Default.PollCreated),
        nameof(PollClosed) => JsonSerializer.Deserialize(payload, EventJsonContext.Default.PollClosed),
        nameof(AdminGranted) => JsonSerializer.Deserialize(payload, EventJsonContext.Default.AdminGranted),
        nameof(AdminRevoked) => JsonSerializer.Deserialize(payload, EventJsonContext.Default.AdminRevoked),
        _ => null,
    }) ?? throw new InvalidDataException($"Event of type '{type}' could not be decoded.");
}
