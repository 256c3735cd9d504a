using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Tally.Server.Hosting;

/// <summary>Bound from the <c>Tally</c> section; checked against its annotations as it is read.</summary>
public sealed class TallyOptions
{
    public const string Section = "Tally";

    /// <summary>Where the embedded ledger and the generated signing key live.</summary>
    [Required(ErrorMessage = Section + ":DataPath must name a folder.")]
    public string DataPath { get; set; } = "data";

    /// <summary>Largest request body accepted; bigger ones get 413.</summary>
    [Range(typeof(long), "1", "9223372036854775807", ErrorMessage = Section + ":MaxRequestBodyBytes must be at least 1.")]
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024;

    /// <summary>Read while the host is built, since the data folder and the body limit are needed then; a bad value stops the start.</summary>
    public static TallyOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<TallyOptions>() ?? new TallyOptions();
        var result = new DataAnnotationValidateOptions<TallyOptions>(Options.DefaultName).Validate(Options.DefaultName, options);
        return result.Failed ? throw new OptionsValidationException(Section, typeof(TallyOptions), result.Failures) : options;
    }
}
