namespace Tally.Bench.Perf;

/// <summary>
/// What one wrk run sends. Votes go to <see cref="VotePaths"/> in turn (each voter votes in every poll, then the next
/// voter), cycling through that poll's bodies; with <see cref="ReadsPerVote"/> above zero, that many anonymous GETs of
/// <see cref="ReadPath"/> come between votes; with <see cref="VotePaths"/> empty, every request is such a GET.
/// </summary>
/// <param name="FirstVoter">The tokens file's line (from 0) of the first voter, so a warm-up and its run use different voters.</param>
/// <param name="Voters">How many voters from <paramref name="FirstVoter"/> on; past the last, voters start again (and Tally answers 409).</param>
public sealed record WrkLoad(
    IReadOnlyList<string> VotePaths,
    IReadOnlyList<IReadOnlyList<string>> Bodies,
    int FirstVoter,
    int Voters,
    string? ReadPath,
    int ReadsPerVote,
    string RunId)
{
    public static WrkLoad Reads(string path, string runId) => new([], [], 0, 0, path, 0, runId);
}
