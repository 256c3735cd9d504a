using System.Globalization;

namespace Tally.Server.Endpoints;

/// <summary>Spans as the API writes them: a whole number and a unit, "90s", "5m", "2h", "7d".</summary>
public static class DurationText
{
    /// <returns>The span, or null when <paramref name="text"/> is not one or is not in (0, <paramref name="max"/>].</returns>
    public static TimeSpan? Read(string? text, TimeSpan max)
    {
        if (text is null || text.Length is < 2 or > 12
            || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
            || amount > (long)max.TotalSeconds)
        {
            return null;
        }
        TimeSpan? span = text[^1] switch
        {
            's' => TimeSpan.FromSeconds(amount),
            'm' when amount <= max.TotalMinutes => TimeSpan.FromMinutes(amount),
            'h' when amount <= max.TotalHours => TimeSpan.FromHours(amount),
            'd' when amount <= max.TotalDays => TimeSpan.FromDays(amount),
            _ => null,
        };
        return span is { } s && s > TimeSpan.Zero && s <= max ? s : null;
    }
}
