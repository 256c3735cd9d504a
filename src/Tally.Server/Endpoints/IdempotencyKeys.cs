using Microsoft.AspNetCore.Http.HttpResults;
using Tally.Domain.Errors;
using Tally.Server.Problems;

namespace Tally.Server.Endpoints;

/// <summary>What an Idempotency-Key header may hold, for votes and admin commands alike.</summary>
public static class IdempotencyKeys
{
    public const int MaxLength = 255;

    /// <returns>Why <paramref name="key"/> is refused, or null when it is absent or well formed.</returns>
    public static ProblemHttpResult? Check(string? key) => key is null || IsValid(key)
        ? null
        : Problem.Of(StatusCodes.Status400BadRequest, ErrorCodes.InvalidIdempotencyKey, $"An Idempotency-Key is 1 to {MaxLength} visible ASCII characters.");

    private static bool IsValid(string key)
    {
        if (key.Length is 0 or > MaxLength)
        {
            return false;
        }
        foreach (var c in key)
        {
            if (c is < '!' or > '~')
            {
                return false;
            }
        }
        return true;
    }
}
