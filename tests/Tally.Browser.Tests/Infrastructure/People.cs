namespace Tally.Browser.Tests.Infrastructure;

/// <summary>Accounts for people in the tests: a username no earlier test took on the same site, and a valid password.</summary>
public static class People
{
    public const string Password = "correct horse battery";

    public static string NewUsername(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 13)];
}
