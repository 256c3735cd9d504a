using StackExchange.Redis;
using Tally.Views.Redis;

namespace Tally.Views.Fraud;

/// <summary>The fraud view's keys in one generation (<see cref="GenerationKeys"/>): "{prefix}:g:{id}:fraud:…".</summary>
internal static class FraudGenerationKeys
{
    /// <summary>The poll's ClosedAt, else EndTime, in UTC ticks ("" for neither); its presence says the view knows the poll.</summary>
    public static RedisKey FraudPoll(this GenerationKeys generation, Guid pollId) => $"{Root(generation)}{pollId:N}:poll";

    /// <summary>Present while the poll's votes are kept: gone once retention forgot them, and every write of votes is guarded by it.</summary>
    public static RedisKey FraudKept(this GenerationKeys generation, Guid pollId) => $"{Root(generation)}{pollId:N}:kept";

    /// <summary>A hash: block id (the sequence of its first vote) → its votes, <see cref="FraudVote.Size"/> bytes each, in log order.</summary>
    public static RedisKey FraudVotes(this GenerationKeys generation, Guid pollId) => $"{Root(generation)}{pollId:N}:votes";

    /// <summary>A hash: block id → the latest cast time (UTC ticks) in that block, so a window reads only the blocks that reach into it.</summary>
    public static RedisKey FraudBlockEnds(this GenerationKeys generation, Guid pollId) => $"{Root(generation)}{pollId:N}:ends";

    /// <summary>A hash: vote id (16 bytes) → 1, for kept votes no longer live.</summary>
    public static RedisKey FraudGone(this GenerationKeys generation, Guid pollId) => $"{Root(generation)}{pollId:N}:gone";

    /// <summary>A hash: text key (<see cref="FraudKeys"/>, 8 bytes) → the network or user agent it stands for.</summary>
    public static RedisKey FraudTexts(this GenerationKeys generation, Guid pollId) => $"{Root(generation)}{pollId:N}:texts";

    /// <summary>Matches every fraud key of one poll.</summary>
    public static string FraudPollPattern(this GenerationKeys generation, Guid pollId) => $"{Root(generation)}{pollId:N}:*";

    /// <summary>Matches the <see cref="FraudKept"/> key of every poll whose votes are kept.</summary>
    public static string FraudKeptPattern(this GenerationKeys generation) => $"{Root(generation)}*:kept";

    /// <summary>A hash: voter key (8 bytes) → <see cref="FraudRegistration"/> (16 bytes), for every poll.</summary>
    public static RedisKey FraudRegistrations(this GenerationKeys generation) => generation.Pattern[..^1] + "fraud-registrations";

    // Pattern is the generation's root followed by "*".
    private static string Root(GenerationKeys generation) => generation.Pattern[..^1] + "fraud:";
}
