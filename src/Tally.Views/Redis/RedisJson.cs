using System.Globalization;
using System.Text.Json;

namespace Tally.Views.Redis;

/// <summary>How values are written into Redis: JSON for structured records, round-trip text for times.</summary>
internal static class RedisJson
{
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, typeof(T), RedisJsonContext.Default);

    public static T Deserialize<T>(string json) =>
        (T)(JsonSerializer.Deserialize(json, typeof(T), RedisJsonContext.Default)
            ?? throw new InvalidDataException($"Redis holds a null {typeof(T).Name}."));

    public static string Time(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset Time(string text) => DateTimeOffset.ParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
