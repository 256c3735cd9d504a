using System.Text.Json;
using Microsoft.Extensions.Options;
using Tally.Server.Admin;
using Tally.Server.Auth;
using Tally.Server.Contracts;
using Tally.Server.Documentation;
using Tally.Server.Endpoints;
using Tally.Server.Headers;
using Tally.Server.Limits;
using Tally.Server.Network;
using Tally.Server.Observability;
using Tally.Server.Problems;
using Tally.Server.Web;
using Tally.Sync.Topology;

namespace Tally.Server.Hosting;

/// <summary>Builds the whole service: write side, sync layer, read side and the HTTP surface over them.</summary>
public static class TallyServer
{
    public static WebApplication Build(string[] args)
    {
        // appsettings.json ships beside the binary; find it wherever the service is started from.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var tally = TallyOptions.From(builder.Configuration);
        var dataPath = Path.GetFullPath(tally.DataPath);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = tally.MaxRequestBodyBytes;
        });
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, TallyJsonContext.Default);
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            // The web defaults read "1" as 1; a number must be a JSON number.
            json.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddTallyProblems();
        builder.Services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection(AuthOptions.Section));
        builder.Services.AddTallyAuthentication(auth => SigningKeyFile.LoadOrCreate(auth, dataPath));
        builder.Services.AddTallyRoles();
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddSingleton<UserAccounts>();
        builder.Services.AddTallySessions();

        var topology = TallyTopology.From(builder.Configuration);
        builder.Services.AddTallyTopology(topology, builder.Configuration, dataPath);
        builder.AddTallyNetwork();
        builder.Services.AddTallyHeaders(builder.Configuration);
        builder.Services.AddTallyLimits(builder.Configuration, topology);
        builder.AddTallyObservability();

        builder.Services.AddOptions<ReadOptions>().Bind(builder.Configuration.GetSection(ReadOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ReadYourWrites>();
        builder.Services.AddSingleton<ResultsReader>();
        builder.Services.AddSingleton<HeatmapReader>();
        builder.Services.AddSingleton<DeltaReader>();
        builder.Services.AddSingleton<LiveFrames>();
        builder.Services.AddOptions<RecountOptions>().Bind(builder.Configuration.GetSection(RecountOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Recounter>();
        builder.Services.AddOptions<FraudReviewOptions>().Bind(builder.Configuration.GetSection(FraudReviewOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PollExporter>();
        builder.Services.AddSingleton<SuspiciousQueries>();
        builder.Services.AddTallyApiDocumentation();

        var app = builder.Build();
        // Every setting is checked before anything reads one (the pipeline below, the hosted services), so all bad ones
        // are named together and none fails half-way through building what depends on it.
        app.Services.GetService<IStartupValidator>()?.Validate();
        app.UseTallyMetricsListener();
        app.UseTallyNetwork();
        app.UseTallyHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseTallyWebAssets();
        app.UseAuthentication();
        app.UseTallySessionForgeryCheck();
        app.UseAuthorization();
        app.UseTallyLimits();

        app.MapStatus();
        app.MapAuth();
        app.MapPolls();
        app.MapVotes();
        app.MapResults();
        app.MapLive();
        app.MapAdmin();
        app.MapTallyObservability();
        app.MapTallyApiDocumentation();
        app.MapTallyWebApp();
        return app;
    }
}
