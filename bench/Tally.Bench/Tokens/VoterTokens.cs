using System.Diagnostics;

namespace Tally.Bench.Tokens;

/// <summary>
/// Voter tokens minted before any timed phase, so signing cost never shows up as server latency.
/// Votes take each token exactly once (one voter, one vote); reads and baseline requests may reuse them.
/// </summary>
public sealed class VoterTokens
{
    private readonly string[] _tokens;
    private int _next = -1;

    private VoterTokens(string[] tokens, TimeSpan mintTime)
    {
        _tokens = tokens;
        MintTime = mintTime;
    }

    public int Count => _tokens.Length;
    public TimeSpan MintTime { get; }

    public static VoterTokens Mint(byte[] key, int count)
    {
        var tokens = new string[count];
        var start = Stopwatch.GetTimestamp();
        Parallel.For(0, count, () => new TokenMinter(key), (i, _, minter) =>
        {
            tokens[i] = minter.Mint($"voter-{i + 1}");
            return minter;
        }, _ => { });
        return new VoterTokens(tokens, Stopwatch.GetElapsedTime(start));
    }

    /// <summary>Hands out a voter nobody has voted as yet; false once the pool is spent.</summary>
    public bool TryTakeUnused(out string token)
    {
        var index = Interlocked.Increment(ref _next);
        if (index >= _tokens.Length)
        {
            token = "";
            return false;
        }
        token = _tokens[index];
        return true;
    }

    /// <summary>The same voters, none used yet: for a phase voting in a poll of its own.</summary>
    public VoterTokens Rewound() => new(_tokens, MintTime);

    /// <summary>Any token, for requests where re-using a voter is harmless (reads, the baseline).</summary>
    public string Reusable(long n) => _tokens[(int)(n % _tokens.Length)];
}
