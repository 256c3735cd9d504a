using Microsoft.Extensions.Options;

namespace Tally.Server.Network;

/// <summary>Each <c>Tally:Network:TrustedProxies</c> entry must be an address or a network; the limits are checked by their annotations.</summary>
public sealed class NetworkOptionsValidator : IValidateOptions<NetworkOptions>
{
    public ValidateOptionsResult Validate(string? name, NetworkOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.TrustedProxies.Count; i++)
        {
            var proxy = options.TrustedProxies[i];
            if (!NetworkOptions.TryReadProxy(proxy, out _, out _))
            {
                failures.Add($"{NetworkOptions.Section}:TrustedProxies:{i} is '{proxy}'; use an address (10.0.0.5) or a network (10.0.0.0/8).");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
