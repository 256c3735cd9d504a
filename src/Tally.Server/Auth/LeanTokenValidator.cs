using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.IdentityModel.Tokens;

namespace Tally.Server.Auth;

/// <summary>
/// The fast path of bearer validation: the usual shape of an HS256 token checked without the JwtBearer machinery, by the
/// same rules (a trusted issuer, that issuer's key and audience, HS256 only, exp required, nbf, the same clock skew, a
/// subject). It accepts only tokens the full path accepts too, and says nothing (null) about anything else: an odd header
/// field, an unknown claim, an escape, a duplicate, a size or a number out of the ordinary all go to the full path, which
/// accepts or refuses (with its own 401 answer) exactly as before.
/// </summary>
public sealed class LeanTokenValidator : IDisposable
{
    /// <summary>Longer tokens (JwtBearer reads up to 250 KB) take the full path.</summary>
    public const int MaxTokenLength = 4096;

    /// <summary>An HMAC-SHA256 signature: 32 bytes, unpadded base64url.</summary>
    private const int SignatureChars = 43;

    private const int MinKeyBytes = 32;

    /// <summary>The last second a DateTime holds (9999-12-31T23:59:59Z); later times take the full path, which clamps them.</summary>
    private static readonly long MaxEpochSeconds = (long)(DateTime.MaxValue - DateTime.UnixEpoch).TotalSeconds;

    private static readonly SearchValues<char> Base64UrlAndDot =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    private readonly TrustedIssuers _issuers;
    private readonly Signer[] _signers;

    public LeanTokenValidator(TrustedIssuers issuers)
    {
        _issuers = issuers;
        _signers = issuers.All
            .Where(i => i.Key is SymmetricSecurityKey { Key.Length: >= MinKeyBytes })
            .Select(i => new Signer(i, Encoding.UTF8.GetBytes(i.Issuer), Encoding.UTF8.GetBytes(i.Key.KeyId ?? ""), Encoding.UTF8.GetBytes(i.Audience),
                // One HMAC per thread and key, reused: a one-shot HMAC sets up its key anew each time, which costs more than the hash.
                new ThreadLocal<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, ((SymmetricSecurityKey)i.Key).Key), trackAllValues: true)))
            .ToArray();
    }

    public void Dispose()
    {
        foreach (var signer in _signers)
        {
            foreach (var hmac in signer.Hmac.Values)
            {
                hmac.Dispose();
            }
            signer.Hmac.Dispose();
        }
    }

    /// <returns>The voter the token names and its lifetime, or null when the full path must decide.</returns>
    public ValidatedToken? Validate(ReadOnlySpan<char> token, DateTime utcNow)
    {
        if (token.Length > MaxTokenLength || token.ContainsAnyExcept(Base64UrlAndDot))
        {
            return null;
        }
        var headerEnd = token.IndexOf('.');
        var payloadEnd = headerEnd < 0 ? -1 : token.LastIndexOf('.');
        // A length of 4n + 1 is no base64 at all (and would make Base64Url throw rather than answer false).
        if (headerEnd <= 0 || payloadEnd <= headerEnd + 1 || token.Length - payloadEnd - 1 != SignatureChars
            || headerEnd % 4 == 1 || (payloadEnd - headerEnd - 1) % 4 == 1)
        {
            return null;
        }
        var signed = token[..payloadEnd];
        Span<byte> buffer = stackalloc byte[MaxTokenLength];
        try
        {
            if (!Base64Url.TryDecodeFromChars(token[..headerEnd], buffer, out var headerLength)
                || !Base64Url.TryDecodeFromChars(token[(headerEnd + 1)..payloadEnd], buffer[headerLength..], out var payloadLength)
                || !Base64Url.TryDecodeFromChars(token[(payloadEnd + 1)..], buffer[(headerLength + payloadLength)..], out var signatureLength)
                || signatureLength != HMACSHA256.HashSizeInBytes)
            {
                return null;
            }
            var header = buffer[..headerLength];
            var payload = buffer.Slice(headerLength, payloadLength);
            var signature = buffer.Slice(headerLength + payloadLength, signatureLength);
            if (ReadHeader(header) is not { } kid || ReadPayload(payload) is not { } claims
                || claims.Signer is not { } signer || (kid.Length > 0 && !kid.SequenceEqual(signer.KeyId))
                || !AudienceHolds(payload[claims.AudienceAt..], signer.Audience))
            {
                return null;
            }
            // Lifetime exactly as the full path judges it: nbf after exp, not yet valid, or expired beyond the skew.
            var expires = DateTime.UnixEpoch.AddSeconds(claims.Expires);
            DateTime? notBefore = claims.NotBefore is { } nbf ? DateTime.UnixEpoch.AddSeconds(nbf) : null;
            if ((notBefore is { } from && (from > expires || from > utcNow + AuthenticationSetup.ClockSkew))
                || expires < utcNow - AuthenticationSetup.ClockSkew)
            {
                return null;
            }
            Span<byte> input = stackalloc byte[signed.Length];
            Encoding.ASCII.GetBytes(signed, input);
            Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
            var hmac = signer.Hmac.Value!;
            hmac.AppendData(input);
            hmac.GetHashAndReset(expected);
            if (!CryptographicOperations.FixedTimeEquals(expected, signature))
            {
                return null;
            }
            var subject = Encoding.UTF8.GetString(payload.Slice(claims.SubjectAt, claims.SubjectLength));
            return new ValidatedToken(_issuers.VoterIdOf(signer.Issuer.Issuer, subject), expires, notBefore);
        }
        // Malformed JSON; and whatever else Base64Url might yet throw on must reach the full path, never become a 500.
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return null;
        }
    }

    /// <returns>The kid (empty when absent), or null unless the header is exactly alg HS256 with at most typ JWT and a kid.</returns>
    private static byte[]? ReadHeader(ReadOnlySpan<byte> header)
    {
        var reader = new Utf8JsonReader(header);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }
        bool alg = false, typ = false;
        byte[]? kid = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                return null;
            }
            if (reader.ValueTextEquals("alg"u8) && !alg)
            {
                alg = PlainString(ref reader) && reader.ValueSpan.SequenceEqual("HS256"u8);
                if (!alg)
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("typ"u8) && !typ)
            {
                typ = PlainString(ref reader) && reader.ValueSpan.SequenceEqual("JWT"u8);
                if (!typ)
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("kid"u8) && kid is null && PlainString(ref reader) && reader.ValueSpan.Length > 0)
            {
                kid = reader.ValueSpan.ToArray();
            }
            else
            {
                return null;
            }
        }
        return alg && reader.TokenType == JsonTokenType.EndObject && !reader.Read() ? kid ?? [] : null;
    }

    /// <returns>The claims, or null unless the payload holds only known claims, each once, of the expected type.</returns>
    private Claims? ReadPayload(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }
        var claims = new Claims();
        var seen = Claim.None;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var claim = reader.ValueIsEscaped ? Claim.None : ClaimOf(ref reader);
            if (claim == Claim.None || (seen & claim) != 0 || !reader.Read())
            {
                return null;
            }
            seen |= claim;
            switch (claim)
            {
                case Claim.Iss when reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped:
                    claims.Signer = SignerNamed(reader.ValueSpan);
                    break;
                case Claim.Sub when reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped
                    && reader.ValueSpan.Length > 0 && Utf8.IsValid(reader.ValueSpan):
                    claims.SubjectAt = (int)reader.TokenStartIndex + 1;
                    claims.SubjectLength = reader.ValueSpan.Length;
                    break;
                case Claim.Aud:
                    claims.AudienceAt = (int)reader.TokenStartIndex;
                    if (!SkipAudience(ref reader))
                    {
                        return null;
                    }
                    break;
                case Claim.Exp when EpochSeconds(ref reader) is { } exp:
                    claims.Expires = exp;
                    break;
                case Claim.Nbf when EpochSeconds(ref reader) is { } nbf:
                    claims.NotBefore = nbf;
                    break;
                case Claim.Iat when EpochSeconds(ref reader) is not null:
                    break;
                case Claim.Name or Claim.Jti when reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && Utf8.IsValid(reader.ValueSpan):
                    break;
                default:
                    return null;
            }
        }
        const Claim required = Claim.Iss | Claim.Sub | Claim.Aud | Claim.Exp;
        return (seen & required) == required && reader.TokenType == JsonTokenType.EndObject && !reader.Read() ? claims : null;
    }

    private Signer? SignerNamed(ReadOnlySpan<byte> issuer)
    {
        foreach (var signer in _signers)
        {
            if (issuer.SequenceEqual(signer.Name))
            {
                return signer;
            }
        }
        return null;
    }

    private static Claim ClaimOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("iss"u8) ? Claim.Iss
        : reader.ValueTextEquals("sub"u8) ? Claim.Sub
        : reader.ValueTextEquals("aud"u8) ? Claim.Aud
        : reader.ValueTextEquals("exp"u8) ? Claim.Exp
        : reader.ValueTextEquals("nbf"u8) ? Claim.Nbf
        : reader.ValueTextEquals("iat"u8) ? Claim.Iat
        : reader.ValueTextEquals("name"u8) ? Claim.Name
        : reader.ValueTextEquals("jti"u8) ? Claim.Jti
        : Claim.None;

    /// <summary>Moves past aud: one plain string, or an array of them.</summary>
    private static bool SkipAudience(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return IsPlainString(ref reader);
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!IsPlainString(ref reader))
            {
                return false;
            }
        }
        return reader.TokenType == JsonTokenType.EndArray;
    }

    /// <summary>Whether the aud value at the start of <paramref name="audience"/> is, or holds, <paramref name="expected"/>.</summary>
    private static bool AudienceHolds(ReadOnlySpan<byte> audience, byte[] expected)
    {
        var reader = new Utf8JsonReader(audience, isFinalBlock: false, state: default);
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.ValueSpan.SequenceEqual(expected);
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueSpan.SequenceEqual(expected))
            {
                return true;
            }
        }
        return false;
    }

    private static bool PlainString(ref Utf8JsonReader reader) => reader.Read() && IsPlainString(ref reader);

    private static bool IsPlainString(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && Utf8.IsValid(reader.ValueSpan);

    /// <summary>A whole number of seconds in the range a DateTime holds, or null.</summary>
    private static long? EpochSeconds(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var seconds) && seconds is > 0 && seconds <= MaxEpochSeconds
            ? seconds
            : null;

    private sealed record Signer(TrustedIssuer Issuer, byte[] Name, byte[] KeyId, byte[] Audience, ThreadLocal<IncrementalHash> Hmac);

    [Flags]
    private enum Claim
    {
        None = 0,
        Iss = 1,
        Sub = 2,
        Aud = 4,
        Exp = 8,
        Nbf = 16,
        Iat = 32,
        Name = 64,
        Jti = 128,
    }

    private struct Claims
    {
        public Signer? Signer;
        public int SubjectAt;
        public int SubjectLength;
        public int AudienceAt;
        public long Expires;
        public long? NotBefore;
    }
}
