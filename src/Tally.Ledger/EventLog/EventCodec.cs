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

    public static string Encode(LedgerEvent e) => e switch
    {
        VoteCast v => JsonSerializer.Serialize(v, EventJsonContext.Default.VoteCast),
        VoteRetracted r => JsonSerializer.Serialize(r, EventJsonContext.Default.VoteRetracted),
        VoteReinstated r => JsonSerializer.Serialize(r, EventJsonContext.Default.VoteReinstated),
        PollCreated c => JsonSerializer.Serialize(c, EventJsonContext.Default.PollCreated),
        PollClosed c => JsonSerializer.Serialize(c, EventJsonContext.Default.PollClosed),
        AdminGranted g => JsonSerializer.Serialize(g, EventJsonContext.Default.AdminGranted),
        AdminRevoked r => JsonSerializer.Serialize(r, EventJsonContext.Default.AdminRevoked),
        UserRegistered u => JsonSerializer.Serialize(u, EventJsonContext.Default.UserRegistered),
        BlockPlaced b => JsonSerializer.Serialize(b, EventJsonContext.Default.BlockPlaced),
        BlockLifted b => JsonSerializer.Serialize(b, EventJsonContext.Default.BlockLifted),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown event type."),
    };

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
