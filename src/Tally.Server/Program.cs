using System.Globalization;
using Microsoft.Extensions.Options;
using Tally.Server.Hosting;

// ICU is on for Unicode normalisation only; formatting and parsing stay culture-free whatever the machine's locale.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;

try
{
    var app = TallyServer.Build(args);
    app.Run();
    return 0;
}
catch (OptionsValidationException invalid)
{
    // A setting is wrong: say which and what it accepts, without a stack trace that would bury it.
    Console.Error.WriteLine($"Tally did not start: {invalid.Message}");
    return 1;
}
catch (InvalidOperationException unreadable) when (unreadable.InnerException is ArgumentException or FormatException or OverflowException)
{
    // A setting is not even of its type ("abc" for a number): the binder's message names the key and the type.
    Console.Error.WriteLine($"Tally did not start: {unreadable.Message}");
    return 1;
}
catch (AggregateException invalid) when (invalid.InnerExceptions.All(inner => inner is OptionsValidationException))
{
    // Several sections were wrong at once: name every one, so a fix need not take several starts.
    foreach (var inner in invalid.InnerExceptions)
    {
        Console.Error.WriteLine($"Tally did not start: {inner.Message}");
    }
    return 1;
}
