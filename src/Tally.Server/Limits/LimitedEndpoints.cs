namespace Tally.Server.Limits;

public static class LimitedEndpoints
{
    /// <summary>Puts the endpoint under the limits of <paramref name="action"/>.</summary>
    public static TBuilder Limited<TBuilder>(this TBuilder endpoint, LimitedAction action)
        where TBuilder : IEndpointConventionBuilder => endpoint.WithMetadata(new LimitedBy(action));
}
