using System.Text.Json;
using Tally.Domain.Events;
using Tally.Domain.Polls;
using Tally.Views.Catalog;
using Tally.Views.Delta;
using Tally.Views.Heatmap;
using Tally.Views.Memory;
using Tally.Views.Progress;
using Tally.Views.Results;
using Tally.Views.Tests.Support;
using Tally.Views.VoterStatus;

namespace Tally.Views.Tests.Memory;

/// <summary>The five memory views of one node, and everything they answer about some polls and voters, as one text to compare.</summary>
internal sealed class MemoryViewSet
{
    public PollChangeFeed Changes { get; } = new();

    public MemoryResultsProjection Results { get; }

    public MemoryHeatmapProjection Heatmap { get; } = new();

    public MemoryDeltaProjection Delta { get; } = new();

    public MemoryVoterStatusProjection Voters { get; } = new();

    public MemoryPollCatalogProjection Catalog { get; } = new();

    public MemoryViewSet() => Results = new MemoryResultsProjection(Changes);

    public IReadOnlyList<MemoryProjection> All => [Results, Heatmap, Delta, Voters, Catalog];

    public async Task ApplyAsync(IEnumerable<StoredEvent> events)
    {
        var batch = events.ToArray();
        foreach (var view in All)
        {
            await view.ApplyAsync(batch, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>
    /// What every view answers about <paramref name="polls"/> and <paramref name="voters"/>, then (unless
    /// <paramref name="listings"/> is false) the catalogue's listings, then the checkpoints.
    /// </summary>
    public async Task<string> AnswersAsync(IEnumerable<Poll> polls, IEnumerable<string> voters, bool listings = true)
    {
        var ct = TestContext.Current.CancellationToken;
        var answers = new List<object?>();
        foreach (var poll in polls)
        {
            answers.Add(await Results.GetAsync(poll.Id, ct));
            answers.Add(await Heatmap.GetAsync(poll.Id, ct));
            answers.Add(await Delta.GetAsync(poll.Id, TimeSpan.FromHours(1), EventScript.Start.AddMinutes(30), ct));
            answers.Add(await Catalog.GetAsync(poll.Id, ct));
            foreach (var voter in voters)
            {
                answers.Add(await Voters.GetAsync(poll.Id, voter, ct));
            }
            foreach (var view in All)
            {
                answers.Add(await view.CountAsync(poll.Id, ct));
            }
        }
        if (listings)
        {
            answers.Add(await Catalog.ListAsync(null, null, 1, 100, ct));
            answers.Add(await Catalog.ListAsync("lunch", null, 1, 100, ct));
            answers.Add(await Catalog.ListAsync(null, "owner-1", 1, 100, ct));
        }
        answers.Add(All.Select(v => v.Checkpoint).ToArray());
        return JsonSerializer.Serialize(answers);
    }
}
