namespace Tally.Server.Tests.Infrastructure;

/// <summary>The two shapes Tally runs in; tests that must hold on both take one as a theory argument.</summary>
public enum Stack
{
    /// <summary>SQLite ledger, memory views: the embedded default.</summary>
    Embedded,

    /// <summary>PostgreSQL ledger, Redis views (a fresh database and key prefix per test).</summary>
    PostgresRedis,
}
