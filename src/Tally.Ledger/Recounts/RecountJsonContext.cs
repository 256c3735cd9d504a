using System.Text.Json.Serialization;

namespace Tally.Ledger.Recounts;

/// <summary>How a kept recount is written in its ledger row: the same snake_case JSON the API answers with.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(RecountReport))]
internal sealed partial class RecountJsonContext : JsonSerializerContext;
