namespace Tally.Ledger.Sqlite;

/// <summary>
/// What <see cref="SqliteStatement.ReadFirst"/> found: while it is in scope the row's columns are read from the
/// statement, and leaving the scope resets the statement for its next use, so no caller can forget to.
/// </summary>
internal readonly ref struct SqliteFirstRow(SqliteStatement statement, bool found)
{
    public bool Found => found;

    public void Dispose() => statement.Reset();
}
