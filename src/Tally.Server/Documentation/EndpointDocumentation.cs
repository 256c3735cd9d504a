namespace Tally.Server.Documentation;

/// <summary>What an endpoint declares for its description only: none of it changes how a request is served.</summary>
public static class EndpointDocumentation
{
    /// <summary>The codes of the problems the handler itself answers with (<see cref="Tally.Domain.Errors.ErrorCodes"/>).</summary>
    public static TBuilder WithProblemCodes<TBuilder>(this TBuilder endpoint, params string[] codes) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new ProblemCodes(codes));

    /// <summary>The JSON body the handler reads by hand; <paramref name="optional"/> when a request without one is served.</summary>
    public static RouteHandlerBuilder ReadsJsonBody<TBody>(this RouteHandlerBuilder endpoint, bool optional = false) =>
        endpoint.WithMetadata(new HandReadBody(typeof(TBody), optional));

    /// <summary>A Server-Sent Event type the stream sends, whose <c>data</c> is <typeparamref name="TData"/> as JSON.</summary>
    public static RouteHandlerBuilder StreamsEvent<TData>(this RouteHandlerBuilder endpoint, string name) =>
        endpoint.WithMetadata(new StreamedEvent(name, typeof(TData)));
}
