namespace Tally.Ledger;

/// <summary>Where the ledger lives: <c>Tally:Ledger:Provider</c>, <c>sqlite</c> (the default) or <c>postgres</c>, in any case.</summary>
public enum LedgerProvider
{
    /// <summary>An embedded file, written by this process alone.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database, shared by every node.</summary>
    Postgres,
}
