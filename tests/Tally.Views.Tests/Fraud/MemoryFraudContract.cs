using Microsoft.Extensions.Options;
using Tally.Views.Fraud;

namespace Tally.Views.Tests.Fraud;

public sealed class MemoryFraudContract : FraudContract
{
    private protected override FraudViews Create(TimeProvider clock) => new(new MemoryFraudProjection(clock, Options.Create(new FraudOptions())));
}
