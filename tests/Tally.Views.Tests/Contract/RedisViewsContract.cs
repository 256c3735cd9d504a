using Tally.Views.Tests.Support;

namespace Tally.Views.Tests.Contract;

/// <summary>The contract against a real Redis (TALLY_TEST_REDIS); fails, never skips, when there is none.</summary>
public sealed class RedisViewsContract(RedisServer redis) : ViewsContract(new RedisViews(redis)), IClassFixture<RedisServer>;
