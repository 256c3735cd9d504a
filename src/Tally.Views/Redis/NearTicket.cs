namespace Tally.Views.Redis;

/// <summary>Taken before a near cache reads Redis: what this node had heard then (<see cref="AnnouncedChanges"/>) and its applied checkpoint.</summary>
public readonly record struct NearTicket(long Token, long Applied);
