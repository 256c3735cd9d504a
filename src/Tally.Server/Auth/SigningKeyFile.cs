using System.Security.Cryptography;

namespace Tally.Server.Auth;

/// <summary>The service's own token key: taken from configuration, or generated once into the data folder so tokens survive restarts.</summary>
public static class SigningKeyFile
{
    public const string FileName = "signing-key";

    public static byte[] LoadOrCreate(AuthOptions options, string dataPath)
    {
        if (!string.IsNullOrEmpty(options.SigningKey))
        {
            return DecodeKey(options.SigningKey, "Tally:Auth:SigningKey");
        }
        Directory.CreateDirectory(dataPath);
        var path = Path.Combine(dataPath, FileName);
        if (File.Exists(path))
        {
            return DecodeKey(File.ReadAllText(path).Trim(), path);
        }
        var key = RandomNumberGenerator.GetBytes(64);
        var temp = path + ".tmp";
        File.WriteAllText(temp, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        // A concurrent first start may have won the race; keep whichever key landed first.
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
            return DecodeKey(File.ReadAllText(path).Trim(), path);
        }
        return key;
    }

    public static byte[] DecodeKey(string base64, string source) =>
        ProblemWith(base64, source) is { } problem ? throw new InvalidOperationException(problem) : Convert.FromBase64String(base64);

    /// <summary>Why <paramref name="base64"/> (from <paramref name="source"/>) is no HS256 key, or null when it is one.</summary>
    public static string? ProblemWith(string base64, string source)
    {
        var key = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, key, out var length))
        {
            return $"The signing key from {source} is not valid base64.";
        }
        return length < 32 ? $"The signing key from {source} is {length} bytes; HS256 needs at least 32." : null;
    }
}
