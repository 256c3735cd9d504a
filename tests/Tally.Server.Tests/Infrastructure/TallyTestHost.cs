using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Tally.Server.Hosting;
using Tally.Sync.Leadership;

namespace Tally.Server.Tests.Infrastructure;

/// <summary>
/// The real service on a real Kestrel socket (free port, temp data folder), as a client would meet it, on either
/// <see cref="Stack"/>; <see cref="Ledger"/> reads what its ledger stored, whichever ledger runs.
/// </summary>
public sealed class TallyTestHost : IAsyncDisposable
{
    public const string ExternalIssuer = TestTokens.ExternalIssuer;

    private readonly WebApplication _app;
    private readonly TempFolder? _folder;
    private readonly SharedServers? _ownedServers;

    private TallyTestHost(WebApplication app, string dataPath, byte[] externalKey, ILedgerProbe ledger, TempFolder? folder, SharedServers? ownedServers)
    {
        _app = app;
        DataPath = dataPath;
        ExternalKey = externalKey;
        Ledger = ledger;
        _folder = folder;
        _ownedServers = ownedServers;
        BaseAddress = new Uri(app.Urls.First());
        Client = NewClient();
    }

    public string DataPath { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    /// <summary>What the ledger stored, read beneath the API.</summary>
    public ILedgerProbe Ledger { get; }

    public IServiceProvider Services => _app.Services;

    public byte[] ExternalKey { get; }

    /// <summary>A host on the embedded stack in a fresh folder.</summary>
    public static Task<TallyTestHost> StartAsync(params string[] settings) => StartAsync(Stack.Embedded, settings);

    /// <summary>A host on <paramref name="stack"/>: on PostgresRedis with a fresh database and key prefix of its own.</summary>
    public static async Task<TallyTestHost> StartAsync(Stack stack, params string[] settings)
    {
        if (stack == Stack.Embedded)
        {
            return await StartAsync(new TempFolder(), null, null, null, false, settings);
        }
        var servers = SharedServers.Create();
        try
        {
            return await StartAsync(new TempFolder(), null, null, servers, true, settings);
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }
    }

    /// <summary>A host on servers the caller keeps (in a fresh folder); later settings win over the servers' own.</summary>
    public static Task<TallyTestHost> StartOnAsync(SharedServers servers, byte[]? externalKey = null, params string[] settings) =>
        StartAsync(new TempFolder(), null, externalKey, servers, false, settings);

    /// <summary>
    /// An embedded host on a folder the caller keeps; start another with the same folder and <paramref name="externalKey"/> to
    /// simulate a restart.
    /// </summary>
    public static Task<TallyTestHost> StartInAsync(string dataPath, byte[]? externalKey = null, params string[] settings) =>
        StartAsync(null, dataPath, externalKey, null, false, settings);

    private static async Task<TallyTestHost> StartAsync(
        TempFolder? folder, string? dataPath, byte[]? externalKey, SharedServers? servers, bool ownsServers, string[] settings)
    {
        dataPath ??= folder!.Path;
        externalKey ??= RandomNumberGenerator.GetBytes(32);
        try
        {
            string[] args =
            [
                "--urls=http://127.0.0.1:0",
                $"--Tally:DataPath={dataPath}",
                .. TestTokens.IssuerSettings(externalKey),
                "--Logging:LogLevel:Default=Warning",
                .. servers?.NodeSettings ?? [],
                .. settings,
            ];
            var app = TallyServer.Build(args);
            await app.StartAsync();
            if (servers is null || ownsServers)
            {
                try
                {
                    // The only node on its servers leads once its election settles; until then admin calls answer NOT_PROJECTOR.
                    await app.Services.GetRequiredService<ProjectorLeadership>().WaitForTermAsync(CancellationToken.None)
                        .WaitAsync(TimeSpan.FromSeconds(30));
                }
                catch
                {
                    await app.DisposeAsync();
                    throw;
                }
            }
            var ledger = servers?.Ledger ?? SqliteLedgerProbe.InFolder(dataPath);
            return new TallyTestHost(app, dataPath, externalKey, ledger, folder, ownsServers ? servers : null);
        }
        catch
        {
            folder?.Dispose();
            throw;
        }
    }

    public HttpClient NewClient(string? token = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    /// <summary>A voter token from the configured external identity provider (or signed with another key); its voter id is "test-idp:{subject}".</summary>
    public string MintToken(string subject, SymmetricSecurityKey? key = null) => TestTokens.Voter(key?.Key ?? ExternalKey, subject);

    public HttpClient Voter(string subject) => NewClient(MintToken(subject));

    public static string VoterIdOf(string subject) => TestTokens.VoterIdOf(subject);

    /// <summary>Creates a poll as <paramref name="owner"/> and returns its JSON.</summary>
    public async Task<JsonObject> CreatePollAsync(HttpClient owner, object? body = null)
    {
        body ??= new
        {
            title = "Best fruit",
            options = new[] { new { text = "Apple" }, new { text = "Banana" }, new { text = "Cherry" } },
            regions = new[] { "north", "south" },
            settings = new { results_visibility = "live", allow_vote_change = true },
        };
        var response = await owner.PostAsJsonAsync("/v1/polls", body);
        await Expect.StatusAsync(response, 201);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownedServers is not null)
        {
            await _ownedServers.DisposeAsync();
        }
        _folder?.Dispose();
    }
}
