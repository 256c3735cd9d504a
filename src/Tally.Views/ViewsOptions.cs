using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Tally.Views;

/// <summary>Bound from <c>Tally:Views</c>: which view store (Redis's own settings are under <c>:Redis</c>).</summary>
public sealed class ViewsOptions
{
    public const string Section = "Tally:Views";

    public const string ProviderKey = Section + ":" + nameof(Provider);

    public ViewsProvider Provider { get; set; } = ViewsProvider.Memory;

    /// <summary>Read while the services are registered, since the provider decides which ones; a bad name stops the start.</summary>
    public static ViewsOptions From(IConfiguration configuration)
    {
        try
        {
            var options = configuration.GetSection(Section).Get<ViewsOptions>() ?? new ViewsOptions();
            return Enum.IsDefined(options.Provider) ? options : throw new FormatException();
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            throw new OptionsValidationException(ProviderKey, typeof(ViewsOptions),
                [$"{ProviderKey} must be memory or redis, not '{configuration[ProviderKey]}'."]);
        }
    }
}
