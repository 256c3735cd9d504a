using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Tally.Ledger.Sqlite;

/// <summary>
/// A statement the writer runs for every vote, prepared once and bound straight on SQLite's handle: Microsoft.Data.Sqlite
/// allocates a binder and a UTF-8 copy per parameter and a reader per execution, and on the ledger's one serial writer
/// that was a fifth of the bytes allocated per vote (BENCHMARKS.md). Parameters are bound by position, 1 for the first
/// name given; only the writer uses it, under the write gate, inside the transaction open on the writer's connection.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    /// <param name="parameters">The statement's parameter names in the order they are bound; checked against the SQL.</param>
    public SqliteStatement(SqliteConnection connection, string sql, params string[] parameters)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The writer's connection is not open.");
        Check(raw.sqlite3_prepare_v3(_db, sql, (uint)raw.SQLITE_PREPARE_PERSISTENT, out _statement));
        if (raw.sqlite3_bind_parameter_count(_statement) != parameters.Length)
        {
            throw new ArgumentException($"The statement has {raw.sqlite3_bind_parameter_count(_statement)} parameters, not {parameters.Length}.", nameof(parameters));
        }
        for (var i = 0; i < parameters.Length; i++)
        {
            if (raw.sqlite3_bind_parameter_index(_statement, parameters[i]) != i + 1)
            {
                throw new ArgumentException($"Parameter '{parameters[i]}' is not parameter {i + 1} of the statement.", nameof(parameters));
            }
        }
    }

    public void Bind(int position, long value) => Check(raw.sqlite3_bind_int64(_statement, position, value));

    public void Bind(int position, string? text) => Check(text is null
        ? raw.sqlite3_bind_null(_statement, position)
        : raw.sqlite3_bind_text16(_statement, position, text.AsSpan()));

    /// <summary>Binds text already in UTF-8 (SQLite copies it).</summary>
    public void BindUtf8(int position, ReadOnlySpan<byte> text) => Check(raw.sqlite3_bind_text(_statement, position, text));

    /// <summary>Binds an id as the ledger spells it: lower-case text with hyphens, as <see cref="Guid.ToString()"/>.</summary>
    public void Bind(int position, Guid id)
    {
        Span<byte> text = stackalloc byte[36];
        id.TryFormat(text, out var written);
        BindUtf8(position, text[..written]);
    }

    /// <summary>Binds a time as <see cref="SqliteValues.Time"/> spells it.</summary>
    public void Bind(int position, DateTimeOffset at)
    {
        Span<byte> text = stackalloc byte[SqliteValues.TimeFormat.Length];
        at.UtcDateTime.TryFormat(text, out var written, SqliteValues.TimeFormat, CultureInfo.InvariantCulture);
        BindUtf8(position, text[..written]);
    }

    /// <summary>Runs a statement that returns no rows.</summary>
    /// <returns>The rows it inserted, updated or deleted.</returns>
    public int Execute()
    {
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
            }
            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Steps to the first row; read its columns while the returned row is in scope (<c>using var row = …</c>).</summary>
    public SqliteFirstRow ReadFirst()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc != raw.SQLITE_ROW && rc != raw.SQLITE_DONE)
        {
            try
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
            }
            finally
            {
                raw.sqlite3_reset(_statement);
            }
        }
        return new SqliteFirstRow(this, rc == raw.SQLITE_ROW);
    }

    public string Text(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string();

    public string? TextOrNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL ? null : Text(column);

    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    public void Reset() => raw.sqlite3_reset(_statement);

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
