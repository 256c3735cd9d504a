using Tally.Ledger.Tests.Contract;

namespace Tally.Ledger.Tests.Sqlite;

/// <summary>The ledger contract against the embedded SQLite ledger, on a real file in a fresh temp folder per test.</summary>
public sealed class SqliteLedgerContract() : LedgerContract(new SqliteLedgerFixture());
