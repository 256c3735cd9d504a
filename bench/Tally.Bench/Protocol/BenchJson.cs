using System.Text.Json.Serialization;

namespace Tally.Bench.Protocol;

/// <summary>Source-generated so serialisation costs the bench (and the baseline server) no reflection warm-up.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CreatePollRequest))]
[JsonSerializable(typeof(CreatedPoll))]
[JsonSerializable(typeof(VoteRequest))]
[JsonSerializable(typeof(VoteReceipt))]
[JsonSerializable(typeof(PollResults))]
public sealed partial class BenchJson : JsonSerializerContext;
