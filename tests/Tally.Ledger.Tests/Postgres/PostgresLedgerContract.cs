using Tally.Ledger.Tests.Contract;

namespace Tally.Ledger.Tests.Postgres;

/// <summary>The ledger contract against PostgreSQL, on a fresh database per test.</summary>
public sealed class PostgresLedgerContract() : LedgerContract(new PostgresLedgerFixture());
