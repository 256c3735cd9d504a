namespace Tally.Server.Documentation;

/// <summary>Endpoint metadata: one Server-Sent Event type a stream sends, and the type whose JSON is its <c>data</c>.</summary>
public sealed record StreamedEvent(string Name, Type Data);
