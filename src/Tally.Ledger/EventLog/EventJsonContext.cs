using System.Text.Json.Serialization;
using Tally.Domain.Events;

namespace Tally.Ledger.EventLog;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(VoteCast))]
[JsonSerializable(typeof(VoteRetracted))]
[JsonSerializable(typeof(PollCreated))]
[JsonSerializable(typeof(PollClosed))]
[JsonSerializable(typeof(AdminGranted))]
[JsonSerializable(typeof(AdminRevoked))]
[JsonSerializable(typeof(VoteReinstated))]
[JsonSerializable(typeof(UserRegistered))]
[JsonSerializable(typeof(BlockPlaced))]
[JsonSerializable(typeof(BlockLifted))]
internal sealed partial class EventJsonContext : JsonSerializerContext;
