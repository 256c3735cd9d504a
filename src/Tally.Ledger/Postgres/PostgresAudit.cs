using Npgsql;
using NpgsqlTypes;

namespace Tally.Ledger.Postgres;

/// <summary>Audit rows for changes a moderator must be able to trace: who did what, when, from where.</summary>
internal static class PostgresAudit
{
    public static NpgsqlBatchCommand Insert(DateTimeOffset at, string actor, string action,
        Guid? pollId = null, Guid? voteId = null, string? ipAddress = null, string? userAgent = null, string? detail = null) =>
        PostgresValues.Command("""
            INSERT INTO audit_log (at, actor, action, poll_id, vote_id, ip_address, user_agent, detail)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """,
            PostgresValues.Instant(at),
            PostgresValues.Text(actor),
            PostgresValues.Text(action),
            PostgresValues.NullableUuid(pollId),
            PostgresValues.NullableUuid(voteId),
            PostgresValues.NullableText(ipAddress),
            PostgresValues.NullableText(userAgent),
            PostgresValues.NullableText(detail));

    /// <summary>One audit row per vote of <paramref name="voteIds"/>, alike but for the vote, in one statement.</summary>
    public static NpgsqlBatchCommand InsertPerVote(DateTimeOffset at, string actor, string action, Guid pollId, Guid[] voteIds,
        string? ipAddress, string? userAgent, string? detail) =>
        PostgresValues.Command("""
            INSERT INTO audit_log (at, actor, action, poll_id, vote_id, ip_address, user_agent, detail)
            SELECT $1, $2, $3, $4, v.vote_id, $6, $7, $8 FROM unnest($5::uuid[]) WITH ORDINALITY AS v(vote_id, n) ORDER BY v.n
            """,
            PostgresValues.Instant(at),
            PostgresValues.Text(actor),
            PostgresValues.Text(action),
            PostgresValues.Uuid(pollId),
            PostgresValues.Array(voteIds, NpgsqlDbType.Uuid),
            PostgresValues.NullableText(ipAddress),
            PostgresValues.NullableText(userAgent),
            PostgresValues.NullableText(detail));
}
