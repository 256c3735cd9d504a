using Tally.Views.Fraud;

namespace Tally.Views.Tests.Fraud;

/// <summary>One store's fraud projection, seen as what the daemon feeds, what readers ask and what the retention sweep calls.</summary>
public sealed class FraudViews(IProjection projection)
{
    public IProjection Projection => projection;

    public IFraudView View => (IFraudView)projection;

    public IFraudRetention Retention => (IFraudRetention)projection;
}
