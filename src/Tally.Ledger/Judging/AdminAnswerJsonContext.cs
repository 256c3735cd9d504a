using System.Text.Json.Serialization;
using Tally.Domain.Ballots;

namespace Tally.Ledger.Judging;

/// <summary>How an admin request's answer is kept with its Idempotency-Key, to be replayed as it was.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(BulkRetraction))]
[JsonSerializable(typeof(Reinstatement))]
internal sealed partial class AdminAnswerJsonContext : JsonSerializerContext;
