using StackExchange.Redis;

namespace Tally.Views.Redis;

/// <summary>What a writing script answered: {state, value}.</summary>
internal sealed record ApplyOutcome(ApplyStatus Status, string Value)
{
    public static ApplyOutcome Of(RedisResult answer)
    {
        var result = (RedisResult[])answer!;
        var state = (string)result[0]!;
        var value = (string?)result[1] ?? "";
        return state switch
        {
            "applied" => new ApplyOutcome(ApplyStatus.Applied, value),
            "stale" => new ApplyOutcome(ApplyStatus.StaleCheckpoint, value),
            "fenced" => new ApplyOutcome(ApplyStatus.Fenced, value),
            "lost" => new ApplyOutcome(ApplyStatus.Lost, value),
            _ => throw new InvalidOperationException($"A views script answered '{state}'."),
        };
    }

    /// <summary>The exception for a refusal that nothing on this node can mend by retrying.</summary>
    public Exception Refusal(string projection, long? epoch, string generation) => Status switch
    {
        ApplyStatus.Fenced => new ProjectionFencedException(projection, epoch ?? 0, Value),
        ApplyStatus.Lost => new ViewsLostException(
            $"Projection '{projection}' writes against generation '{generation}' but Redis holds '{(Value.Length == 0 ? "none" : Value)}'."),
        _ => new InvalidOperationException($"Projection '{projection}': {Status} ({Value})."),
    };
}
