using System.IO.Hashing;
using System.Text;

namespace Tally.Views.Fraud;

/// <summary>
/// Texts a vote record refers to (its network, user agent and voter) are held once, under a 64-bit key hashed from the
/// text, so records stay fixed-size and both stores agree on the key without asking each other. 0 means unknown.
/// </summary>
internal static class FraudKeys
{
    public const ulong Unknown = 0;

    public static ulong Of(string? text)
    {
        if (text is null)
        {
            return Unknown;
        }
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> bytes = length <= 2048 ? stackalloc byte[length] : new byte[length];
        var key = XxHash64.HashToUInt64(bytes[..Encoding.UTF8.GetBytes(text, bytes)]);
        return key == Unknown ? 1 : key;
    }
}
