using System.Text.Json.Serialization;
using Tally.Domain.Polls;

namespace Tally.Server.Contracts;

public sealed record CreatePollRequest(
    string? Title,
    string? Description,
    List<OptionRequest?>? Options,
    List<string?>? Regions,
    DateTimeOffset? StartTime,
    DateTimeOffset? EndTime,
    PollSettingsRequest? Settings);

public sealed record OptionRequest(string? Text);

public sealed record PollSettingsRequest(ResultsVisibility? ResultsVisibility, bool? AllowVoteChange);

public sealed record PollResponse(
    Guid Id,
    string OwnerId,
    string Title,
    string? Description,
    IReadOnlyList<OptionResponse> Options,
    IReadOnlyList<string> Regions,
    DateTimeOffset? StartTime,
    DateTimeOffset? EndTime,
    PollSettingsResponse Settings,
    PollStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] long Sequence)
{
    public static PollResponse From(Poll poll, DateTimeOffset now, long sequence = 0) => new(
        poll.Id,
        poll.OwnerId,
        poll.Title,
        poll.Description,
        poll.Options.Select(o => new OptionResponse(o.Id, o.Text)).ToArray(),
        poll.Regions,
        poll.StartTime,
        poll.EndTime,
        new PollSettingsResponse(poll.Settings.ResultsVisibility, poll.Settings.AllowVoteChange),
        poll.StatusAt(now),
        poll.CreatedAt,
        poll.ClosedAt,
        sequence);
}

public sealed record OptionResponse(int Id, string Text);

public sealed record PollSettingsResponse(ResultsVisibility ResultsVisibility, bool AllowVoteChange);

public sealed record PollListResponse(IReadOnlyList<PollResponse> Polls, int Page, int PageSize, int Total);
