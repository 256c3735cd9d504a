using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Tally.Domain.Ballots;
using Tally.Domain.Commands;
using Tally.Domain.Errors;

namespace Tally.Ledger.Judging;

/// <summary>
/// Admin requests under an Idempotency-Key: what makes two requests the same (their fingerprint), and the answer kept
/// with the key. A repeat of the same request gets that answer (Replayed); the key with another request is refused.
/// </summary>
public static class AdminRequests
{
    public static string Fingerprint(RetractVotes command)
    {
        var s = command.Selection;
        var ids = s.VoteIds is null ? "-" : string.Join(',', s.VoteIds.Select(id => id.ToString("N")));
        return Hash($"retract|{command.PollId:N}|{ids}|{s.IpAddress}|{s.Network}|{Instant(s.From)}|{Instant(s.To)}|{command.Reason}");
    }

    public static string Fingerprint(ReinstateVotes command) =>
        Hash($"reinstate|{command.PollId:N}|{string.Join(',', command.VoteIds.Select(id => id.ToString("N")))}|{command.Reason}");

    public static string Encode(BulkRetraction answer) => JsonSerializer.Serialize(answer, AdminAnswerJsonContext.Default.BulkRetraction);

    public static string Encode(Reinstatement answer) => JsonSerializer.Serialize(answer, AdminAnswerJsonContext.Default.Reinstatement);

    /// <returns>The answer to give from the key's earlier use, or null when the key is new.</returns>
    public static Outcome<BulkRetraction>? Replay(StoredAdminKey? stored, RetractVotes command) =>
        Replay(stored, Fingerprint(command), AdminAnswerJsonContext.Default.BulkRetraction, a => a with { Replayed = true });

    /// <returns>The answer to give from the key's earlier use, or null when the key is new.</returns>
    public static Outcome<Reinstatement>? Replay(StoredAdminKey? stored, ReinstateVotes command) =>
        Replay(stored, Fingerprint(command), AdminAnswerJsonContext.Default.Reinstatement, a => a with { Replayed = true });

    private static Outcome<T>? Replay<T>(StoredAdminKey? stored, string fingerprint, JsonTypeInfo<T> type, Func<T, T> replayed)
    {
        if (stored is null)
        {
            return null;
        }
        if (stored.Fingerprint != fingerprint)
        {
            return Rejections.AdminIdempotencyKeyReused;
        }
        var answer = JsonSerializer.Deserialize(stored.Answer, type) ?? throw new InvalidDataException("A kept admin answer could not be read.");
        return Outcome<T>.Ok(replayed(answer));
    }

    private static string Instant(DateTimeOffset? at) => at?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static string Hash(string request) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request)));
}
