using System.Security.Cryptography;
using System.Text;

namespace Tally.Ledger.Recounts;

/// <summary>
/// Counts a slice's live votes as a ledger streams them, in ascending canonical order, and hashes their canonical
/// listing as it goes, so a million votes never sit in memory as strings. The canonical listing is each vote id in
/// lower-case "D" form (8-4-4-4-12 hex digits) followed by a line feed, in ordinal order of that text: exactly what
/// <c>SELECT vote_id … ORDER BY vote_id</c> prints one per line in sqlite3 or <c>psql -At</c>.
/// </summary>
public sealed class RecountCount : IDisposable
{
    private const int LineLength = 37;

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly long[] _options;
    private readonly Dictionary<string, long[]>? _regions;
    private readonly List<string> _regionOrder = [];
    private readonly byte[] _previous = new byte[LineLength];
    private readonly byte[] _line = new byte[LineLength];
    private long _total;

    /// <param name="optionCount">The poll's options, numbered 1 to this.</param>
    /// <param name="regions">The poll's regions to count votes by, in the poll's order; null to count options only.</param>
    public RecountCount(int optionCount, IReadOnlyList<string>? regions)
    {
        _options = new long[optionCount];
        if (regions is not null)
        {
            _regions = new Dictionary<string, long[]>(StringComparer.Ordinal);
            foreach (var region in regions)
            {
                RegionCounts(region);
            }
        }
    }

    /// <exception cref="InvalidOperationException">The ledger's order is not the canonical order, or an option is unknown.</exception>
    public void Add(Guid voteId, int optionId, string? region)
    {
        if (optionId < 1 || optionId > _options.Length)
        {
            throw new InvalidOperationException($"Vote {voteId} is for option {optionId}, which the poll does not have.");
        }
        WriteLine(voteId);
        if (_total > 0 && _line.AsSpan().SequenceCompareTo(_previous) <= 0)
        {
            throw new InvalidOperationException($"The ledger listed vote {voteId} out of canonical order.");
        }
        _line.CopyTo(_previous, 0);
        _hash.AppendData(_line);
        _total++;
        _options[optionId - 1]++;
        if (_regions is not null && region is not null)
        {
            RegionCounts(region)[optionId - 1]++;
        }
    }

    public LedgerCount Finish(long sequence) => new(
        sequence,
        _total,
        ToOptions(_options),
        _regions is null ? null : _regionOrder.Select(r => new RegionVotes(r, _regions[r].Sum(), ToOptions(_regions[r]))).ToList(),
        Convert.ToHexStringLower(_hash.GetHashAndReset()));

    public void Dispose() => _hash.Dispose();

    public static IReadOnlyList<OptionVotes> ToOptions(IReadOnlyList<long> votes) =>
        votes.Select((count, i) => new OptionVotes(i + 1, count)).ToList();

    private void WriteLine(Guid voteId)
    {
        Span<char> text = stackalloc char[LineLength - 1];
        voteId.TryFormat(text, out _, "D");
        Encoding.ASCII.GetBytes(text, _line);
        _line[^1] = (byte)'\n';
    }

    private long[] RegionCounts(string region)
    {
        if (!_regions!.TryGetValue(region, out var counts))
        {
            _regions[region] = counts = new long[_options.Length];
            _regionOrder.Add(region);
        }
        return counts;
    }
}
