using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Tally.Server.Tests.Security;

/// <summary>
/// A compact JWS made by hand from raw header and payload JSON, so a test can sign anything an attacker could: odd
/// fields, duplicates, escapes, wrong types, bytes that are not UTF-8 (written <see cref="NotUtf8"/> in the JSON text).
/// </summary>
public static class ForgedToken
{
    /// <summary>Stands for two bytes that are not UTF-8 (0xC3 0x28) in the JSON text given to <see cref="Sign"/>.</summary>
    public const string NotUtf8 = "\u0001";

    public static string Sign(string header, string payload, byte[] key)
    {
        var signed = Segment(header) + "." + Segment(payload);
        return signed + "." + Base64UrlEncoder.Encode(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signed)));
    }

    public static string Segment(string json) => Base64UrlEncoder.Encode(Bytes(json));

    private static byte[] Bytes(string json)
    {
        var parts = json.Split(NotUtf8);
        return parts.Select(Encoding.UTF8.GetBytes).Aggregate((before, after) => [.. before, 0xC3, 0x28, .. after]);
    }
}
