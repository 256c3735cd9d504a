using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Tally.Sync.Topology;

/// <summary>
/// Reads a provider by name. Only the names count: the configuration binder would also take an enum's number ("1"),
/// which no one means, and its error would not say which names are accepted.
/// </summary>
internal static class ProviderSetting
{
    public static TProvider Read<TProvider>(IConfiguration configuration, string key, TProvider unset)
        where TProvider : struct, Enum
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return unset;
        }
        foreach (var provider in Enum.GetValues<TProvider>())
        {
            if (string.Equals(provider.ToString(), value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return provider;
            }
        }
        var names = string.Join(" or ", Enum.GetNames<TProvider>().Select(name => name.ToLowerInvariant()));
        throw new OptionsValidationException(key, typeof(TProvider), [$"{key} must be {names}, not '{value}'."]);
    }
}
