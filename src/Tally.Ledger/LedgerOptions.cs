using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Tally.Ledger;

/// <summary>Bound from <c>Tally:Ledger</c>: which ledger (its own settings are under <c>:Sqlite</c> and <c>:Postgres</c>).</summary>
public sealed class LedgerOptions
{
    public const string Section = "Tally:Ledger";

    public const string ProviderKey = Section + ":" + nameof(Provider);

    public LedgerProvider Provider { get; set; } = LedgerProvider.Sqlite;

    /// <summary>Read while the services are registered, since the provider decides which ones; a bad name stops the start.</summary>
    public static LedgerOptions From(IConfiguration configuration)
    {
        try
        {
            var options = configuration.GetSection(Section).Get<LedgerOptions>() ?? new LedgerOptions();
            return Enum.IsDefined(options.Provider) ? options : throw new FormatException();
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            throw new OptionsValidationException(ProviderKey, typeof(LedgerOptions),
                [$"{ProviderKey} must be sqlite or postgres, not '{configuration[ProviderKey]}'."]);
        }
    }
}
