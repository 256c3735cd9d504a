using System.Globalization;

namespace Tally.Ledger.Sqlite;

/// <summary>How values are spelled in the embedded ledger, so every table and every reader agree.</summary>
internal static class SqliteValues
{
    /// <summary>Times are stored as ISO-8601 UTC text; it sorts correctly and reads well in any SQL client.</summary>
    public const string TimeFormat = "yyyy-MM-ddTHH:mm:ss.fffffffZ";

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static object TimeOrNull(DateTimeOffset? at) => at is { } t ? Time(t) : DBNull.Value;

    public static object TextOrNull(string? text) => text is null ? DBNull.Value : text;

    public static DateTimeOffset ReadTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
