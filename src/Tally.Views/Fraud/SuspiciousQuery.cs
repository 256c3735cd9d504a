namespace Tally.Views.Fraud;

/// <summary>Which votes to look at (cast in the last <see cref="Window"/> before <see cref="Now"/>; all when null), and which clusters are worth reporting.</summary>
public sealed record SuspiciousQuery(TimeSpan? Window, int MinVotes, int Limit, DateTimeOffset Now);
