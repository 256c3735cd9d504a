using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tally.Bench.Naive;
using Tally.Bench.Protocol;
using Tally.Bench.Tokens;

namespace Tally.Bench.Baseline;

/// <summary>
/// The machine's HTTP ceiling: Kestrel plus minimal APIs plus bearer authentication, and nothing else — Tally's own
/// (<c>--auth tally</c>, the default) or a plain <c>AddJwtBearer</c> validating the same tokens (<c>--auth plain</c>).
/// Runs as a child process of the bench (this same binary) so it is measured exactly like Tally.
/// </summary>
public static class BaselineServer
{
    public const string Mode = "baseline-server";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var port = Argument(args, "--port");
        var key = Argument(args, "--key");
        var auth = Argument(args, "--auth") ?? "tally";
        if (port is null || key is null || !int.TryParse(port, out var portNumber) || auth is not ("tally" or "plain"))
        {
            await Console.Error.WriteLineAsync($"usage: {Mode} --port <port> --key <base64 HS256 key of issuer 'bench'> [--auth tally|plain]");
            return 2;
        }

        // Hosted like Tally (slim builder, no Server header) so the two differ only in what the endpoint does.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls($"http://127.0.0.1:{portNumber}");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        // Tally runs with per-request logging off (Warning and up); at the default level the console logger
        // would throttle this endpoint and make the ceiling look far lower than it is.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, BenchJson.Default);
        });
        if (auth == "plain")
        {
            // The naive server's authentication: the framework's JwtBearer, one issuer, key and audience.
            builder.Services.AddPlainJwtBearer(BenchIssuer.Issuer, BenchIssuer.Audience, key);
        }
        else
        {
            BenchIssuer.AddTallyAuthentication(builder.Services, key);
        }

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        var hello = new HelloEndpoint();
        app.MapGet("/health", () => Results.Ok());
        app.MapPost("/hello", (VoteRequest body) => hello.Handle(body)).RequireAuthorization();
        app.MapPost("/hello-anon", (VoteRequest body) => hello.Handle(body));
        // The read ceiling: an anonymous GET with a small JSON answer, as results reads are anonymous.
        app.MapGet("/hello", () => hello.Peek());
        await app.RunAsync();
        return 0;
    }

    internal static string? Argument(IReadOnlyList<string> args, string name)
    {
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == name)
            {
                return args[i + 1];
            }
        }
        return null;
    }
}
