using Npgsql;
using NpgsqlTypes;
using Tally.Ledger.Judging;

namespace Tally.Ledger.Postgres;

/// <summary>Vote rows as admin retractions and reinstatements read and change them, inside their write.</summary>
internal static class PostgresVoteRows
{
    private const string Columns = "vote_id, voter_id, option_id, region, timestamp, ip_address, is_retracted, retracted_by";

    /// <summary>
    /// The poll's live votes cast in [from, to) (either bound optional) that <paramref name="keep"/> keeps, through the
    /// live-vote index; a poll's million votes are read, not held.
    /// </summary>
    public static Task<List<LedgerVote>> ReadLiveAsync(
        PostgresWrite write, Guid pollId, DateTimeOffset? from, DateTimeOffset? to, Func<LedgerVote, bool> keep, CancellationToken ct) =>
        ReadAsync(write, PostgresValues.Command($"""
            SELECT {Columns} FROM vote_records
            WHERE poll_id = $1 AND NOT is_retracted AND ($2::bigint IS NULL OR timestamp >= $2) AND ($3::bigint IS NULL OR timestamp < $3)
            """,
            PostgresValues.Uuid(pollId), PostgresValues.NullableInstant(from), PostgresValues.NullableInstant(to)), keep, ct);

    /// <summary>Those of <paramref name="voteIds"/> that are votes of the poll, live or not.</summary>
    public static Task<List<LedgerVote>> ReadByIdsAsync(PostgresWrite write, Guid pollId, IEnumerable<Guid> voteIds, CancellationToken ct) =>
        ReadAsync(write, PostgresValues.Command($"SELECT {Columns} FROM vote_records WHERE vote_id = ANY($2) AND poll_id = $1",
            PostgresValues.Uuid(pollId), PostgresValues.Array(voteIds.Distinct().ToArray(), NpgsqlDbType.Uuid)), _ => true, ct);

    /// <summary>Which of <paramref name="voterIds"/> have a live vote in the poll.</summary>
    public static async Task<HashSet<string>> LiveVotersAsync(PostgresWrite write, Guid pollId, IEnumerable<string> voterIds, CancellationToken ct)
    {
        await using var batch = write.CreateBatch();
        batch.BatchCommands.Add(PostgresValues.Command(
            "SELECT voter_id FROM vote_records WHERE poll_id = $1 AND voter_id = ANY($2) AND NOT is_retracted",
            PostgresValues.Uuid(pollId), PostgresValues.Array(voterIds.Distinct().ToArray(), NpgsqlDbType.Text)));
        var live = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            live.Add(reader.GetString(0));
        }
        return live;
    }

    /// <summary>
    /// Flags the votes retracted by <paramref name="by"/>, those still live when the statement gets to them; returns which.
    /// A voter's own retraction racing this one wins or loses the row as a whole.
    /// </summary>
    public static async Task<HashSet<Guid>> FlagAsync(PostgresWrite write, Guid[] voteIds, DateTimeOffset at, string by, string reason, CancellationToken ct)
    {
        await using var batch = write.CreateBatch();
        batch.BatchCommands.Add(PostgresValues.Command("""
            UPDATE vote_records SET is_retracted = true, retracted_at = $2, retracted_by = $3, retraction_reason = $4
            WHERE vote_id = ANY($1) AND NOT is_retracted
            RETURNING vote_id
            """,
            PostgresValues.Array(voteIds, NpgsqlDbType.Uuid), PostgresValues.Instant(at), PostgresValues.Text(by), PostgresValues.Text(reason)));
        return await ReadIdsAsync(batch, ct).ConfigureAwait(false);
    }

    /// <summary>Makes admin-retracted votes live again, clearing who retracted them and why (the audit rows and events keep that).</summary>
    public static async Task<HashSet<Guid>> UnflagAsync(PostgresWrite write, Guid[] voteIds, CancellationToken ct)
    {
        await using var batch = write.CreateBatch();
        batch.BatchCommands.Add(PostgresValues.Command("""
            UPDATE vote_records SET is_retracted = false, retracted_at = NULL, retracted_by = NULL, retraction_reason = NULL
            WHERE vote_id = ANY($1) AND is_retracted AND retracted_by IS NOT NULL
            RETURNING vote_id
            """,
            PostgresValues.Array(voteIds, NpgsqlDbType.Uuid)));
        return await ReadIdsAsync(batch, ct).ConfigureAwait(false);
    }

    private static async Task<HashSet<Guid>> ReadIdsAsync(NpgsqlBatch batch, CancellationToken ct)
    {
        var ids = new HashSet<Guid>();
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            ids.Add(reader.GetGuid(0));
        }
        return ids;
    }

    private static async Task<List<LedgerVote>> ReadAsync(PostgresWrite write, NpgsqlBatchCommand command, Func<LedgerVote, bool> keep, CancellationToken ct)
    {
        await using var batch = write.CreateBatch();
        batch.BatchCommands.Add(command);
        var rows = new List<LedgerVote>();
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var vote = new LedgerVote(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetInt32(2),
                PostgresValues.TextOrNull(reader, 3),
                PostgresValues.Time(reader.GetInt64(4)),
                PostgresValues.TextOrNull(reader, 5),
                reader.GetBoolean(6),
                PostgresValues.TextOrNull(reader, 7));
            if (keep(vote))
            {
                rows.Add(vote);
            }
        }
        return rows;
    }
}
