namespace Tally.Testing;

/// <summary>Waits for a condition instead of sleeping a fixed time: checks often, fails with a message at the deadline.</summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    public static Task HoldsAsync(Func<bool> condition, TimeSpan timeout, string because, CancellationToken ct = default) =>
        HoldsAsync(() => Task.FromResult(condition()), timeout, because, ct);

    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string because, CancellationToken ct = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Not within {timeout.TotalSeconds:0.#} s: {because}");
            }
            await Task.Delay(PollInterval, ct);
        }
    }
}
