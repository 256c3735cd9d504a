using System.Globalization;
using System.Runtime.InteropServices;

namespace Tally.Views.Fraud;

/// <summary>
/// The one routine that finds a poll's clusters from its kept votes, whichever store holds them. Cost is linear in the
/// votes looked at: one hash lookup per vote and dimension.
/// Scores say how far a cluster stands out:
/// <list type="bullet">
/// <item>ip_address, network, user_agent: its votes ÷ the mean votes per key of that kind (votes known for that dimension ÷
/// distinct keys); a network is reported only when it spans two addresses or more.</item>
/// <item>velocity: per address, the most votes in one second (UTC, whole seconds); baseline = the median of that over every
/// address in the window; reported when the peak is at least <see cref="VelocityPeak"/> and at least
/// <see cref="VelocityFactor"/> × the baseline; Votes, span and samples are that busiest (earliest of equals) second's;
/// score = peak ÷ baseline.</item>
/// <item>account_age: the votes of accounts younger than NewAccountAge when they voted. Votes with a known age are put in
/// age bands (band 0 younger than NewAccountAge, band k ≥ 1 from NewAccountAge × 2^(k-1) up to twice that); score = the
/// young band's votes ÷ the mean votes per occupied band, so young accounts must stand out against how old the poll's
/// accounts usually are.</item>
/// </list>
/// A cluster is reported with Votes ≥ MinVotes and score &gt; 1, highest score first (then ip_address, velocity, network,
/// user_agent, account_age; then more votes; then first seen), at most Limit, each with the first
/// <see cref="Samples"/> of its votes in log order.
/// </summary>
internal static class ClusterFinder
{
    public const int Samples = 5;
    public const int VelocityPeak = 3;
    public const double VelocityFactor = 5;

    /// <summary>Positions in <paramref name="votes"/> of the live votes cast in the query's window ((Now − Window, Now]; all when no window).</summary>
    public static int[] Considered(ReadOnlySpan<FraudVote> votes, IReadOnlySet<Guid> gone, SuspiciousQuery query)
    {
        var (from, to) = query.Window is { } window ? ((query.Now - window).UtcTicks, query.Now.UtcTicks) : (long.MinValue, long.MaxValue);
        var checkGone = gone.Count > 0;
        var considered = new List<int>();
        for (var i = 0; i < votes.Length; i++)
        {
            ref readonly var vote = ref votes[i];
            if (vote.CastTicks > from && vote.CastTicks <= to && !(checkGone && gone.Contains(vote.VoteId)))
            {
                considered.Add(i);
            }
        }
        return [.. considered];
    }

    public static FoundClusters Find(
        ReadOnlySpan<FraudVote> votes, int[] considered, IReadOnlyDictionary<ulong, FraudRegistration> registrations, SuspiciousQuery query, TimeSpan newAccountAge)
    {
        var addressIndex = new Dictionary<UInt128, int>();
        var addresses = new List<VoteSpan>();
        var addressKeys = new List<UInt128>();
        var networkIndex = new Dictionary<ulong, int>();
        var networks = new List<VoteSpan>();
        var networkKeys = new List<ulong>();
        var networkFirstAddress = new List<int>();
        var networkSpans = new List<bool>();
        var agentIndex = new Dictionary<ulong, int>();
        var agents = new List<VoteSpan>();
        var agentKeys = new List<ulong>();
        var young = new VoteSpan();
        var ageBands = new Dictionary<int, long>();
        var addressOf = new int[considered.Length];
        long unknown = 0, knownAgents = 0, knownAges = 0;
        for (var i = 0; i < considered.Length; i++)
        {
            ref readonly var vote = ref votes[considered[i]];
            addressOf[i] = -1;
            if (vote.HasAddress)
            {
                var address = IndexOf(addressIndex, addressKeys, addresses, vote.Address);
                CollectionsMarshal.AsSpan(addresses)[address].Add(i, vote.CastTicks);
                addressOf[i] = address;
                var network = IndexOf(networkIndex, networkKeys, networks, vote.Network);
                if (network == networkFirstAddress.Count)
                {
                    networkFirstAddress.Add(address);
                    networkSpans.Add(false);
                }
                else if (networkFirstAddress[network] != address)
                {
                    networkSpans[network] = true;
                }
                CollectionsMarshal.AsSpan(networks)[network].Add(i, vote.CastTicks);
            }
            else
            {
                unknown++;
            }
            if (vote.Agent != FraudKeys.Unknown)
            {
                knownAgents++;
                var agent = IndexOf(agentIndex, agentKeys, agents, vote.Agent);
                CollectionsMarshal.AsSpan(agents)[agent].Add(i, vote.CastTicks);
            }
            if (registrations.TryGetValue(vote.Voter, out var registration) && registration.Sequence < vote.Sequence)
            {
                knownAges++;
                var band = AgeBand(vote.CastTicks - registration.RegisteredTicks, newAccountAge);
                ageBands[band] = ageBands.GetValueOrDefault(band) + 1;
                if (band == 0)
                {
                    young.Add(i, vote.CastTicks);
                }
            }
        }

        var knownAddresses = considered.Length - unknown;
        var candidates = new List<Candidate>();
        var minVotes = Math.Max(1, query.MinVotes);
        for (var a = 0; a < addresses.Count; a++)
        {
            Consider(candidates, ClusterKind.IpAddress, a, addresses[a].Votes, Mean(knownAddresses, addresses.Count), minVotes);
        }
        for (var n = 0; n < networks.Count; n++)
        {
            if (networkSpans[n])
            {
                Consider(candidates, ClusterKind.Network, n, networks[n].Votes, Mean(knownAddresses, networks.Count), minVotes);
            }
        }
        for (var u = 0; u < agents.Count; u++)
        {
            Consider(candidates, ClusterKind.UserAgent, u, agents[u].Votes, Mean(knownAgents, agents.Count), minVotes);
        }
        if (young.Votes > 0)
        {
            Consider(candidates, ClusterKind.AccountAge, 0, young.Votes, Mean(knownAges, ageBands.Count), minVotes);
        }
        var velocity = Velocity.Of(votes, considered, addressOf, addresses.Count);
        for (var a = 0; a < addresses.Count; a++)
        {
            var peak = velocity.Peaks[a];
            if (peak >= VelocityPeak && peak >= VelocityFactor * velocity.Baseline)
            {
                Consider(candidates, ClusterKind.Velocity, a, peak, velocity.Baseline, minVotes);
            }
        }
        candidates.Sort();

        var found = new List<FoundCluster>(Math.Min(candidates.Count, Math.Max(0, query.Limit)));
        foreach (var candidate in candidates.Take(Math.Max(0, query.Limit)))
        {
            found.Add(candidate.Kind switch
            {
                ClusterKind.IpAddress => Cluster(candidate, addresses[candidate.Index], addressKeys[candidate.Index], FraudKeys.Unknown,
                    (in FraudVote v) => v.HasAddress && v.Address == addressKeys[candidate.Index], votes, considered),
                ClusterKind.Network => Cluster(candidate, networks[candidate.Index], UInt128.Zero, networkKeys[candidate.Index],
                    (in FraudVote v) => v.HasAddress && v.Network == networkKeys[candidate.Index], votes, considered),
                ClusterKind.UserAgent => Cluster(candidate, agents[candidate.Index], UInt128.Zero, agentKeys[candidate.Index],
                    (in FraudVote v) => v.Agent == agentKeys[candidate.Index], votes, considered),
                ClusterKind.AccountAge => Cluster(candidate, young, UInt128.Zero, FraudKeys.Unknown,
                    (in FraudVote v) => registrations.TryGetValue(v.Voter, out var r) && r.Sequence < v.Sequence && AgeBand(v.CastTicks - r.RegisteredTicks, newAccountAge) == 0,
                    votes, considered),
                _ => velocity.Cluster(candidate, addressKeys[candidate.Index], votes, considered, addressOf),
            });
        }
        return new FoundClusters(considered.Length, unknown, found);
    }

    /// <summary>The report, with the texts of networks and user agents from <paramref name="texts"/> (by <see cref="FraudKeys"/>).</summary>
    public static SuspiciousReport Report(Guid pollId, FoundClusters found, IReadOnlyDictionary<ulong, string> texts, TimeSpan newAccountAge) =>
        new(pollId, found.VotesConsidered, found.VotesUnknown, Forgotten: false, found.Clusters.Select(c => new SuspiciousCluster(
            c.Kind,
            c.Kind switch
            {
                ClusterKind.IpAddress or ClusterKind.Velocity => FraudVote.AddressText(c.Address),
                ClusterKind.AccountAge => newAccountAge.ToString("c", CultureInfo.InvariantCulture),
                _ => texts.GetValueOrDefault(c.TextKey) ?? c.TextKey.ToString("x16", CultureInfo.InvariantCulture),
            },
            c.Votes,
            new DateTimeOffset(c.FirstTicks, TimeSpan.Zero),
            new DateTimeOffset(c.LastTicks, TimeSpan.Zero),
            c.SampleVoteIds,
            c.Score)).ToArray());

    /// <summary>A poll closed longer ago than the retention: known, nothing kept.</summary>
    public static SuspiciousReport Forgotten(Guid pollId) => new(pollId, 0, 0, Forgotten: true, []);

    internal delegate bool Belongs(in FraudVote vote);

    /// <summary>The first <see cref="Samples"/> vote ids among considered positions from <paramref name="first"/> on that belong.</summary>
    internal static Guid[] SamplesFrom(ReadOnlySpan<FraudVote> votes, int[] considered, int first, Belongs belongs)
    {
        var samples = new List<Guid>(Samples);
        for (var i = first; i < considered.Length && samples.Count < Samples; i++)
        {
            ref readonly var vote = ref votes[considered[i]];
            if (belongs(vote))
            {
                samples.Add(vote.VoteId);
            }
        }
        return [.. samples];
    }

    private static FoundCluster Cluster(Candidate candidate, VoteSpan span, UInt128 address, ulong textKey, Belongs belongs, ReadOnlySpan<FraudVote> votes, int[] considered) =>
        new(candidate.Kind, address, textKey, span.Votes, span.MinTicks, span.MaxTicks, SamplesFrom(votes, considered, span.First, belongs), candidate.Score);

    private static void Consider(List<Candidate> candidates, ClusterKind kind, int index, long clusterVotes, double mean, int minVotes)
    {
        var score = mean > 0 ? clusterVotes / mean : 0;
        if (clusterVotes >= minVotes && score > 1)
        {
            candidates.Add(new Candidate(kind, index, clusterVotes, score));
        }
    }

    private static double Mean(long votes, int keys) => keys == 0 ? 0 : (double)votes / keys;

    private static int AgeBand(long ageTicks, TimeSpan newAccountAge) =>
        ageTicks < newAccountAge.Ticks ? 0 : 1 + (int)Math.Floor(Math.Log2((double)ageTicks / newAccountAge.Ticks));

    private static int IndexOf<TKey>(Dictionary<TKey, int> index, List<TKey> keys, List<VoteSpan> spans, TKey key)
        where TKey : notnull
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(index, key, out var exists);
        if (!exists)
        {
            slot = keys.Count;
            keys.Add(key);
            spans.Add(default);
        }
        return slot;
    }
}
