namespace Tally.Server.Documentation;

/// <summary>
/// Endpoint metadata: the problem codes an endpoint's own handler answers with, beyond those its other metadata implies
/// (see <see cref="OperationProblems"/>). Several may apply, such as one on a route group and one on a route.
/// </summary>
public sealed record ProblemCodes(IReadOnlyList<string> Codes);
