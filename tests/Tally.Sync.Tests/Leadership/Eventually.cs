namespace Tally.Sync.Tests.Leadership;

/// <summary>Waits for a condition instead of sleeping a fixed time: checks often, fails with a message at the deadline.</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition, TimeSpan timeout, string because, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within {timeout.TotalSeconds:0.#} s: {because}");
            await Task.Delay(25, ct);
        }
    }
}
