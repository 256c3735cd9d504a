using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tally.Domain.Json;

/// <summary>Enums on the wire and in the event log read as snake_case words ("after_vote"), never numbers.</summary>
public sealed class SnakeCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
