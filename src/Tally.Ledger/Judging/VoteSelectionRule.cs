using System.Net;
using Tally.Domain.Commands;
using Tally.Domain.Fraud;

namespace Tally.Ledger.Judging;

/// <summary>
/// The one rule for which live votes a <see cref="VoteSelection"/> picks: exactly one of the listed ids, one client address
/// or one network (CIDR), cast in [From, To) when bounded. A selection of any other shape picks nothing. The stores may
/// narrow their reads with SQL (poll, time), but every row they hand on is judged here.
/// </summary>
public sealed class VoteSelectionRule
{
    private readonly VoteSelection _selection;
    private readonly HashSet<Guid>? _voteIds;
    private readonly string? _address;
    private readonly IPNetwork? _network;
    private readonly bool _wellFormed;

    public VoteSelectionRule(VoteSelection selection)
    {
        _selection = selection;
        var given = (selection.VoteIds is not null ? 1 : 0) + (selection.IpAddress is not null ? 1 : 0) + (selection.Network is not null ? 1 : 0);
        if (selection.VoteIds is not null)
        {
            _voteIds = [.. selection.VoteIds];
        }
        _address = ClientNetwork.Canonical(selection.IpAddress);
        if (ClientNetwork.TryParse(selection.Network, out var network))
        {
            _network = network;
        }
        _wellFormed = given == 1 && (_voteIds is not null || _address is not null || _network is not null);
    }

    /// <summary>The ids the selection lists, when it is a selection by id (the stores read only those rows).</summary>
    public IReadOnlyCollection<Guid>? VoteIds => _wellFormed ? _voteIds : null;

    public bool Picks(LedgerVote vote)
    {
        if (!_wellFormed || vote.IsRetracted)
        {
            return false;
        }
        if (_selection.From is { } from && vote.CastAt < from || _selection.To is { } to && vote.CastAt >= to)
        {
            return false;
        }
        if (_voteIds is not null)
        {
            return _voteIds.Contains(vote.VoteId);
        }
        if (_address is not null)
        {
            return string.Equals(_address, ClientNetwork.Canonical(vote.IpAddress), StringComparison.Ordinal);
        }
        return ClientNetwork.Contains(_network!.Value, vote.IpAddress);
    }
}
