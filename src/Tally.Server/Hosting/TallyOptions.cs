namespace Tally.Server.Hosting;

/// <summary>Bound from the <c>Tally</c> section.</summary>
public sealed class TallyOptions
{
    public const string Section = "Tally";

    /// <summary>Where the embedded ledger and the generated signing key live.</summary>
    public string DataPath { get; set; } = "data";

    /// <summary>Largest request body accepted; bigger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024;
}
