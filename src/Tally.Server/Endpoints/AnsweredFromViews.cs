namespace Tally.Server.Endpoints;

/// <summary>
/// Endpoint metadata marking a read answered from the views (<c>FromViews()</c>), so its description can say it may
/// answer 503 VIEWS_REBUILDING.
/// </summary>
public sealed record AnsweredFromViews;
