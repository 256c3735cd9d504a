using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tally.Bench.Protocol;
using Tally.Server.Problems;

namespace Tally.Bench.Naive;

/// <summary>
/// What a first implementation of Tally's voting API looks like, for the bench to measure beside Tally on the same database:
/// JwtBearer, one INSERT per vote in its own durable transaction, one GROUP BY per results read. Correct, not sabotaged:
/// prepared statements, pooled connections, the unique (poll_id, voter_id) index.
/// </summary>
public static class NaiveServer
{
    public const string Mode = "naive-server";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        if (NaiveOptions.Parse(args, Console.Error) is not { } options)
        {
            return 2;
        }

        // Hosted like Tally and the baseline (slim builder, no Server header, Warning logs).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, BenchJson.Default);
        });
        // Framework errors (bad JSON, no token) answer problem+json with Tally's codes too.
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions.TryAdd("code", Problem.CodeOf(context.ProblemDetails.Status ?? StatusCodes.Status500InternalServerError)));
        builder.Services.AddPlainJwtBearer(options.Issuer, options.Audience, options.IssuerKeyBase64);

        await using NaiveStore store = options.SqliteFile is { } file ? new SqliteNaiveStore(file) : new PostgresNaiveStore(options.PostgresConnectionString!);
        await store.InitializeAsync(CancellationToken.None);
        var endpoints = new NaiveEndpoints(store);
        foreach (var poll in await store.LoadPollsAsync(CancellationToken.None))
        {
            endpoints.Remember(poll);
        }
        if (options.SeedPoll is { } seedPollId)
        {
            var request = BenchPoll.Request;
            var poll = new NaivePoll(seedPollId, request.Title, [.. request.Options.Select(o => o.Text)], [.. request.Regions]);
            await store.CreatePollAsync(poll, CancellationToken.None);
            endpoints.Remember(poll);
            if (options.SeedVotes > 0)
            {
                var took = await store.SeedVotesAsync(poll, options.SeedVotes, CancellationToken.None);
                Console.WriteLine($"seeded {options.SeedVotes} votes into poll {seedPollId} in {took.TotalSeconds:0.0} s");
            }
        }

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/health", () => Results.Ok());
        app.MapPost("/v1/polls", (CreatePollRequest body, CancellationToken ct) => endpoints.CreatePollAsync(body, ct)).RequireAuthorization();
        app.MapPost("/v1/polls/{id}/votes", (string id, VoteRequest body, HttpContext http, CancellationToken ct) => endpoints.VoteAsync(id, body, http, ct))
            .RequireAuthorization();
        app.MapGet("/v1/polls/{id}/results", (string id, CancellationToken ct) => endpoints.ResultsAsync(id, ct));
        await app.StartAsync();
        Console.WriteLine($"naive server ready on {options.Urls} ({store.Name}, {endpoints.PollCount} polls)");
        await app.WaitForShutdownAsync();
        return 0;
    }
}
