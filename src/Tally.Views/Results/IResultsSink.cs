namespace Tally.Views.Results;

/// <summary>What <see cref="ResultsReducer"/> tells a results store to do; the store only holds the numbers.</summary>
internal interface IResultsSink
{
    /// <summary>The poll starts with no votes, replacing whatever was held under its id.</summary>
    void Start(Guid pollId, ResultsHeader header);

    /// <summary>A poll the store knows closed at <paramref name="closedAt"/>; an unknown poll stays unknown.</summary>
    void Close(Guid pollId, DateTimeOffset closedAt);

    /// <summary>Adds <paramref name="change"/> to an option's count and to the total of a poll the store knows.</summary>
    void Count(Guid pollId, int optionId, int change);

    /// <summary>An admin retracted or reinstated a vote of a poll the store knows at <paramref name="at"/>; the last one is kept.</summary>
    void ChangedByAdmin(Guid pollId, DateTimeOffset at);
}
