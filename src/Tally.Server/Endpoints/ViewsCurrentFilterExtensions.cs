namespace Tally.Server.Endpoints;

public static class ViewsCurrentFilterExtensions
{
    /// <summary>Marks endpoints answered from the views: see <see cref="ViewsCurrentFilter"/>.</summary>
    public static TBuilder FromViews<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, ViewsCurrentFilter>().WithMetadata(new AnsweredFromViews());
}
