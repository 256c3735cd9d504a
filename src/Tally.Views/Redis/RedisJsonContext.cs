using System.Text.Json.Serialization;
using Tally.Domain.Polls;
using Tally.Views.Results;

namespace Tally.Views.Redis;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(Poll))]
[JsonSerializable(typeof(ResultsHeader))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class RedisJsonContext : JsonSerializerContext;
