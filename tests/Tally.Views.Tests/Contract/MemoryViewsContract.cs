using Tally.Views.Tests.Support;

namespace Tally.Views.Tests.Contract;

public sealed class MemoryViewsContract() : ViewsContract(new MemoryViews());
