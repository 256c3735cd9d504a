using System.Diagnostics;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Tally.Bench.Tokens;

public sealed record ValidationMeasurement(int Validations, TimeSpan Elapsed, int Failures, string? FirstFailure)
{
    public double MicrosecondsEach => Elapsed.TotalMicroseconds / Validations;
}

/// <summary>
/// Single-threaded cost of validating one bearer token, with the very TokenValidationParameters
/// Tally's JwtBearer handler uses (taken from AddTallyAuthentication rather than re-typed here).
/// </summary>
public static class ValidationProbe
{
    private static readonly TimeSpan WarmupTime = TimeSpan.FromSeconds(1);

    public static async Task<ValidationMeasurement> MeasureAsync(string keyBase64, VoterTokens tokens, int validations, CancellationToken ct)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        BenchIssuer.AddTallyAuthentication(services, keyBase64);
        await using var provider = services.BuildServiceProvider();
        var jwt = provider.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        var parameters = jwt.TokenValidationParameters;
        var handler = jwt.TokenHandlers.OfType<JsonWebTokenHandler>().FirstOrDefault() ?? new JsonWebTokenHandler();

        // Warm up for a fixed time rather than a count: tiered JIT needs wall-clock time to promote the hot
        // path, and the figure should describe a server in steady state.
        var warmupStart = Stopwatch.GetTimestamp();
        for (var i = 0; Stopwatch.GetElapsedTime(warmupStart) < WarmupTime; i++)
        {
            await handler.ValidateTokenAsync(tokens.Reusable(i), parameters);
        }

        var failures = 0;
        string? firstFailure = null;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < validations; i++)
        {
            if (i % 4096 == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
            var result = await handler.ValidateTokenAsync(tokens.Reusable(i), parameters);
            if (!result.IsValid)
            {
                failures++;
                firstFailure ??= result.Exception?.Message ?? "invalid without an exception";
            }
        }
        return new ValidationMeasurement(validations, Stopwatch.GetElapsedTime(start), failures, firstFailure);
    }
}
