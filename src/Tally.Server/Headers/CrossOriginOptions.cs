namespace Tally.Server.Headers;

/// <summary>Bound from <c>Tally:Cors</c>: browsers on other origins may call the API only from these; checked at start by <see cref="CrossOriginOptionsValidator"/>.</summary>
public sealed class CrossOriginOptions
{
    public const string Section = "Tally:Cors";

    /// <summary>Origins such as "https://vote.example.org"; empty (the default) answers no cross-origin request.</summary>
    public List<string> AllowedOrigins { get; set; } = [];
}
