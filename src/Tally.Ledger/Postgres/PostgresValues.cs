using Npgsql;
using NpgsqlTypes;

namespace Tally.Ledger.Postgres;

/// <summary>How values are spelled in the PostgreSQL ledger, so every table and every reader agree; parameters carry explicit types.</summary>
internal static class PostgresValues
{
    /// <summary>
    /// Instants are stored as UTC ticks (100 ns) in a bigint. timestamptz keeps only microseconds, and the ledger must hand
    /// back exactly the instant it was given (a poll's creation time, a user's, a draft's start). The SQL function
    /// <c>tally_time(ticks)</c> shows them as timestamptz in any SQL client.
    /// </summary>
    public static long Ticks(DateTimeOffset at) => at.UtcTicks;

    public static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);

    public static DateTimeOffset? TimeOrNull(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Time(reader.GetInt64(ordinal));

    public static string? TextOrNull(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static NpgsqlParameter<string> Text(string value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Text };

    public static NpgsqlParameter NullableText(string? value) =>
        new() { Value = value is null ? DBNull.Value : value, NpgsqlDbType = NpgsqlDbType.Text };

    public static NpgsqlParameter<Guid> Uuid(Guid value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Uuid };

    public static NpgsqlParameter NullableUuid(Guid? value) =>
        new() { Value = value is { } v ? v : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid };

    public static NpgsqlParameter<long> Bigint(long value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Bigint };

    public static NpgsqlParameter<long> Instant(DateTimeOffset at) => Bigint(Ticks(at));

    public static NpgsqlParameter NullableInstant(DateTimeOffset? at) =>
        new() { Value = at is { } t ? Ticks(t) : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint };

    public static NpgsqlParameter<int> Integer(int value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Integer };

    public static NpgsqlParameter<bool> Boolean(bool value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Boolean };

    public static NpgsqlParameter<T[]> Array<T>(T[] values, NpgsqlDbType elementType) =>
        new() { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | elementType };

    public static NpgsqlBatchCommand Command(string sql, params ReadOnlySpan<NpgsqlParameter> parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
