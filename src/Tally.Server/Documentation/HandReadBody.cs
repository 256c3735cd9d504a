namespace Tally.Server.Documentation;

/// <summary>
/// Endpoint metadata: the JSON body a handler reads by hand (<see cref="Endpoints.JsonBody"/>) rather than binds, so the
/// document shows it as it would a bound one. Unlike <c>Accepts</c> it does not take part in routing.
/// </summary>
public sealed record HandReadBody(Type Type, bool Optional);
