namespace Tally.Server.Contracts;

/// <summary>
/// The slice to recount; every field is optional. <c>from</c> and <c>to</c> are RFC 3339 instants (with an offset):
/// votes recorded at or after <c>from</c> and before <c>to</c>.
/// </summary>
public sealed record RecountRequest(string? Region, string? From, string? To);
