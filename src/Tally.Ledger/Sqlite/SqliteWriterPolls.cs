using Microsoft.Data.Sqlite;
using Tally.Domain.Polls;

namespace Tally.Ledger.Sqlite;

/// <summary>
/// The polls as the group-commit writer reads them, batch after batch. A poll's rows are written once, when it is
/// created; afterwards only <c>closed_at</c> changes (and its owner's id, in the start-up voter-id migration, which judging
/// a vote never reads). So the writer keeps each poll it has read and, in every batch's transaction, reads that one
/// column again: a close committed before the batch is always seen, and a batch costs one short lookup per poll.
/// </summary>
internal sealed class SqliteWriterPolls
{
    // More polls than a busy ledger takes votes on at once; past it the kept polls are dropped and read again.
    private const int MaxKept = 4096;

    private readonly SqliteCommand _readPoll;
    private readonly SqliteStatement _readClosedAt;
    private readonly Dictionary<Guid, Poll> _kept = [];

    public SqliteWriterPolls(SqliteLedgerDatabase database)
    {
        _readPoll = SqlitePollStore.PrepareRead(database.Writer);
        _readClosedAt = database.PrepareOnWriter("SELECT closed_at FROM polls WHERE poll_id = $id", "$id");
    }

    /// <returns>The poll as <paramref name="transaction"/> sees it, or null when there is no such poll.</returns>
    public Poll? Read(SqliteTransaction transaction, Guid pollId)
    {
        if (!_kept.TryGetValue(pollId, out var kept))
        {
            _readPoll.Transaction = transaction;
            if (SqlitePollStore.Read(_readPoll, pollId) is not { } poll)
            {
                return null;
            }
            if (_kept.Count >= MaxKept)
            {
                _kept.Clear();
            }
            return _kept[pollId] = poll;
        }
        _readClosedAt.Bind(1, pollId);
        using var row = _readClosedAt.ReadFirst();
        if (!row.Found)
        {
            return null;
        }
        DateTimeOffset? closedAt = _readClosedAt.TextOrNull(0) is { } text ? SqliteValues.ReadTime(text) : null;
        return kept.ClosedAt == closedAt ? kept : _kept[pollId] = kept with { ClosedAt = closedAt };
    }
}
