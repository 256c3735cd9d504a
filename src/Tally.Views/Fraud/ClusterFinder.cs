using System.Buffers;
using System.Globalization;

namespace Tally.Views.Fraud;

/// <summary>
/// The one routine that finds a poll's clusters from its kept votes, whichever store holds them. Cost is linear in the
/// votes looked at: one hash lookup per vote and dimension, in pooled arrays.
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

    // Votes whose address and network slots are read ahead together (see KeyedVoteSpans.Warm).
    private const int WarmBatch = 16;

    /// <summary>Positions in <paramref name="votes"/> of the live votes cast in the query's window ((Now − Window, Now]; all when no window).</summary>
    public static ConsideredVotes Considered(ReadOnlySpan<FraudVote> votes, IReadOnlySet<Guid> gone, SuspiciousQuery query)
    {
        var (from, to) = query.Window is { } window ? ((query.Now - window).UtcTicks, query.Now.UtcTicks) : (long.MinValue, long.MaxValue);
        var checkGone = gone.Count > 0;
        var positions = ArrayPool<int>.Shared.Rent(Math.Max(1, votes.Length));
        var count = 0;
        for (var i = 0; i < votes.Length; i++)
        {
            ref readonly var vote = ref votes[i];
            if (vote.CastTicks > from && vote.CastTicks <= to && !(checkGone && gone.Contains(vote.VoteId)))
            {
                positions[count++] = i;
            }
        }
        return new ConsideredVotes(positions, count);
    }

    public static FoundClusters Find(
        ReadOnlySpan<FraudVote> votes, ReadOnlySpan<int> considered, IReadOnlyDictionary<ulong, FraudRegistration> registrations, SuspiciousQuery query, TimeSpan newAccountAge)
    {
        using var addresses = new KeyedVoteSpans<UInt128>();
        using var networks = new KeyedVoteSpans<ulong>();
        using var agents = new KeyedVoteSpans<ulong>();
        // Per network, the address it was first seen with, or -1 once it spans two.
        var networkAddress = ArrayPool<int>.Shared.Rent(Math.Max(1, considered.Length));
        var addressOfBuffer = ArrayPool<int>.Shared.Rent(Math.Max(1, considered.Length));
        try
        {
            var addressOf = addressOfBuffer.AsSpan(0, considered.Length);
            var young = new VoteSpan();
            // NewAccountAge is at least a second, so no age in ticks reaches band 64.
            Span<long> ageBands = stackalloc long[64];
            ageBands.Clear();
            var checkAges = registrations.Count > 0;
            long unknown = 0, knownAgents = 0, knownAges = 0;
            for (var i = 0; i < considered.Length; i++)
            {
                if (i % WarmBatch == 0)
                {
                    Warm(votes, considered[i..Math.Min(i + WarmBatch, considered.Length)], addresses, networks);
                }
                ref readonly var vote = ref votes[considered[i]];
                addressOf[i] = -1;
                if (vote.HasAddress)
                {
                    var address = addresses.Add(vote.Address, i, vote.CastTicks);
                    addressOf[i] = address;
                    var network = networks.Add(vote.Network, i, vote.CastTicks);
                    if (networks.Spans[network].Votes == 1)
                    {
                        networkAddress[network] = address;
                    }
                    else if (networkAddress[network] != address)
                    {
                        networkAddress[network] = -1;
                    }
                }
                else
                {
                    unknown++;
                }
                if (vote.Agent != FraudKeys.Unknown)
                {
                    knownAgents++;
                    agents.Add(vote.Agent, i, vote.CastTicks);
                }
                if (checkAges && registrations.TryGetValue(vote.Voter, out var registration) && registration.Sequence < vote.Sequence)
                {
                    knownAges++;
                    var band = AgeBand(vote.CastTicks - registration.RegisteredTicks, newAccountAge);
                    ageBands[band]++;
                    if (band == 0)
                    {
                        young.Add(i, vote.CastTicks);
                    }
                }
            }

            var knownAddresses = considered.Length - unknown;
            var candidates = new List<Candidate>();
            var minVotes = Math.Max(1, query.MinVotes);
            var addressSpans = addresses.Spans;
            for (var a = 0; a < addressSpans.Length; a++)
            {
                Consider(candidates, ClusterKind.IpAddress, a, addressSpans[a].Votes, Mean(knownAddresses, addresses.Count), minVotes);
            }
            var networkSpans = networks.Spans;
            for (var n = 0; n < networkSpans.Length; n++)
            {
                if (networkAddress[n] < 0)
                {
                    Consider(candidates, ClusterKind.Network, n, networkSpans[n].Votes, Mean(knownAddresses, networks.Count), minVotes);
                }
            }
            var agentSpans = agents.Spans;
            for (var u = 0; u < agentSpans.Length; u++)
            {
                Consider(candidates, ClusterKind.UserAgent, u, agentSpans[u].Votes, Mean(knownAgents, agents.Count), minVotes);
            }
            if (young.Votes > 0)
            {
                Consider(candidates, ClusterKind.AccountAge, 0, young.Votes, Mean(knownAges, Occupied(ageBands)), minVotes);
            }
            using var velocity = Velocity.Of(addresses.Spans, votes, considered, addressOf);
            for (var a = 0; a < addresses.Count; a++)
            {
                var peak = velocity.PeakOf(a);
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
                    ClusterKind.IpAddress => Cluster(candidate, addresses.Spans[candidate.Index], addresses.Keys[candidate.Index], FraudKeys.Unknown,
                        votes, considered, addressOf, static (in FraudVote _, int of, int index, ulong _) => of == index),
                    ClusterKind.Network => Cluster(candidate, networks.Spans[candidate.Index], UInt128.Zero, networks.Keys[candidate.Index],
                        votes, considered, addressOf, static (in FraudVote v, int _, int _, ulong key) => v.HasAddress && v.Network == key),
                    ClusterKind.UserAgent => Cluster(candidate, agents.Spans[candidate.Index], UInt128.Zero, agents.Keys[candidate.Index],
                        votes, considered, addressOf, static (in FraudVote v, int _, int _, ulong key) => v.Agent == key),
                    ClusterKind.AccountAge => Cluster(candidate, young, UInt128.Zero, FraudKeys.Unknown, votes, considered, addressOf,
                        (in FraudVote v, int _, int _, ulong _) => registrations.TryGetValue(v.Voter, out var r) && r.Sequence < v.Sequence
                            && AgeBand(v.CastTicks - r.RegisteredTicks, newAccountAge) == 0),
                    _ => velocity.Cluster(candidate, addresses.Keys[candidate.Index], votes, considered, addressOf),
                });
            }
            return new FoundClusters(considered.Length, unknown, found);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(networkAddress);
            ArrayPool<int>.Shared.Return(addressOfBuffer);
        }
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

    /// <summary>Whether a considered vote (with its address's number, -1 for none) belongs to the cluster of <paramref name="index"/> or <paramref name="key"/>.</summary>
    private delegate bool Belongs(in FraudVote vote, int addressOf, int index, ulong key);

    /// <summary>A cluster with the first <see cref="Samples"/> vote ids among considered positions from its first on that belong.</summary>
    private static FoundCluster Cluster(
        Candidate candidate, VoteSpan span, UInt128 address, ulong textKey, ReadOnlySpan<FraudVote> votes, ReadOnlySpan<int> considered, ReadOnlySpan<int> addressOf, Belongs belongs)
    {
        var samples = new List<Guid>(Samples);
        for (var i = span.First; i < considered.Length && samples.Count < Samples; i++)
        {
            ref readonly var vote = ref votes[considered[i]];
            if (belongs(vote, addressOf[i], candidate.Index, textKey))
            {
                samples.Add(vote.VoteId);
            }
        }
        return new(candidate.Kind, address, textKey, span.Votes, span.MinTicks, span.MaxTicks, samples, candidate.Score);
    }

    private static void Warm(ReadOnlySpan<FraudVote> votes, ReadOnlySpan<int> batch, KeyedVoteSpans<UInt128> addresses, KeyedVoteSpans<ulong> networks)
    {
        foreach (var position in batch)
        {
            ref readonly var vote = ref votes[position];
            if (vote.HasAddress)
            {
                addresses.Warm(vote.Address);
                networks.Warm(vote.Network);
            }
        }
    }

    private static int Occupied(ReadOnlySpan<long> bands)
    {
        var occupied = 0;
        foreach (var votes in bands)
        {
            occupied += votes > 0 ? 1 : 0;
        }
        return occupied;
    }

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
}
