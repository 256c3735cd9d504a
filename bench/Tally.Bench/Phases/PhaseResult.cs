using Tally.Bench.Load;

namespace Tally.Bench.Phases;

public sealed record PhaseResult(LoadResult Load, ErrorLog Errors);
