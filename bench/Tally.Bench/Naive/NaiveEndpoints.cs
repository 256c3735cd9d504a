using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Tally.Bench.Protocol;
using Tally.Domain.Errors;
using Tally.Domain.Voters;
using Tally.Server.Problems;

namespace Tally.Bench.Naive;

/// <summary>
/// The straightforward implementation of Tally's vote and results endpoints: one INSERT per vote, one GROUP BY per read.
/// Polls never change once created, so their definitions are kept in memory (checking options and regions costs no query).
/// </summary>
public sealed class NaiveEndpoints(NaiveStore store)
{
    private readonly ConcurrentDictionary<Guid, NaivePoll> _polls = new();

    public int PollCount => _polls.Count;

    public void Remember(NaivePoll poll) => _polls[poll.Id] = poll;

    public async Task<IResult> CreatePollAsync(CreatePollRequest body, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Title))
        {
            return Problem.Invalid("title", "A poll needs a title.");
        }
        if (body.Options is not { Count: >= 2 } || body.Options.Any(o => string.IsNullOrWhiteSpace(o?.Text)))
        {
            return Problem.Invalid("options", "A poll needs at least two options, each with a text.");
        }
        var poll = new NaivePoll(Guid.NewGuid(), body.Title, [.. body.Options.Select(o => o.Text)], [.. body.Regions ?? []]);
        await store.CreatePollAsync(poll, ct);
        Remember(poll);
        var options = poll.Options.Select((text, i) => new CreatedOption(i + 1, text)).ToArray();
        return Results.Created($"/v1/polls/{poll.Id}", new CreatedPoll(poll.Id.ToString(), options));
    }

    public async Task<IResult> VoteAsync(string id, VoteRequest body, HttpContext http, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var pollId) || !_polls.TryGetValue(pollId, out var poll))
        {
            return Problem.Of(StatusCodes.Status404NotFound, ErrorCodes.PollNotFound, "No such poll.");
        }
        if (!poll.HasOption(body.OptionId))
        {
            return Problem.Of(StatusCodes.Status422UnprocessableEntity, ErrorCodes.InvalidOption, "The poll has no such option.");
        }
        if (poll.Regions.Length > 0 && !poll.Regions.Contains(body.Region, StringComparer.Ordinal))
        {
            return Problem.Of(StatusCodes.Status422UnprocessableEntity, ErrorCodes.InvalidRegion, "The poll has no such region.");
        }
        // Issuers never equal "" (the token handler requires the configured one), so every voter is issuer ":" subject.
        var voterId = VoterIds.Of(http.User.FindFirst("iss")!.Value, localIssuer: "", http.User.FindFirst("sub")!.Value);
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        var vote = new NaiveVote(Guid.NewGuid(), pollId, voterId, body.OptionId, poll.Regions.Length > 0 ? body.Region : null,
            key.Length > 0 ? key : null, DateTimeOffset.UtcNow);
        if (await store.InsertVoteAsync(vote, ct) is not { } sequence)
        {
            return Problem.Of(StatusCodes.Status409Conflict, ErrorCodes.AlreadyVoted, "This voter has already voted in this poll.");
        }
        return Results.Created($"/v1/polls/{pollId}/votes/me",
            new VoteReceipt(vote.VoteId.ToString(), id, vote.OptionId, body.Region, vote.RecordedAt, sequence));
    }

    public async Task<IResult> ResultsAsync(string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var pollId) || !_polls.TryGetValue(pollId, out var poll))
        {
            return Problem.Of(StatusCodes.Status404NotFound, ErrorCodes.PollNotFound, "No such poll.");
        }
        var counts = await store.CountVotesAsync(pollId, ct);
        var votes = new long[poll.Options.Length];
        foreach (var count in counts)
        {
            votes[count.OptionId - 1] = count.Votes;
        }
        var total = votes.Sum();
        var options = new OptionResult[votes.Length];
        for (var i = 0; i < votes.Length; i++)
        {
            options[i] = new OptionResult(i + 1, poll.Options[i], votes[i], total == 0 ? 0 : Math.Round(votes[i] * 100.0 / total, 2));
        }
        // No log, so no sequence: 0 says so.
        return Results.Ok(new PollResults(id, "active", total, DateTimeOffset.UtcNow, 0, options));
    }
}
