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

    public static byte[] DecodeKey(string base64, string source)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"The signing key from {source} is not valid base64.");
        }
        if (key.Length < 32)
        {
            throw new InvalidOperationException($"The signing key from {source} is {key.Length} bytes; HS256 needs at least 32.");
        }
        return key;
    }
}
