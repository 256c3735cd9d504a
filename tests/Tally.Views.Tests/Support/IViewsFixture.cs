namespace Tally.Views.Tests.Support;

/// <summary>Builds fresh, empty views of one implementation; disposing it cleans up whatever they stored.</summary>
public interface IViewsFixture : IAsyncDisposable
{
    ViewSet Create();
}
