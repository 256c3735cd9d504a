using System.Text.Json.Serialization;
using Tally.Domain.Polls;

namespace Tally.Server.Contracts;

public sealed record ResultsResponse(
    Guid PollId,
    PollStatus Status,
    long TotalVotes,
    DateTimeOffset AsOf,
    long Sequence,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? MinSequenceMet,
    IReadOnlyList<OptionResult> Options,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? AmendedAt = null);

public sealed record OptionResult(int OptionId, string Label, long Votes, double Percentage);

public sealed record HeatmapResponse(Guid PollId, long Sequence, IReadOnlyList<OptionResponse> Options, IReadOnlyList<RegionResult> Regions);

public sealed record RegionResult(string Region, long TotalVotes, IReadOnlyList<RegionOptionResult> Options);

public sealed record RegionOptionResult(int OptionId, long Votes);

public sealed record DeltaResponse(Guid PollId, string Since, DateTimeOffset From, DateTimeOffset To, long Sequence, long TotalVotes, IReadOnlyList<DeltaOptionResult> Options);

public sealed record DeltaOptionResult(int OptionId, string Label, long Votes);
