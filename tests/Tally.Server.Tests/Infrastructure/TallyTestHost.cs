using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tally.Server.Hosting;

namespace Tally.Server.Tests.Infrastructure;

/// <summary>The real service on a real Kestrel socket (free port, temp data folder), as a client would meet it.</summary>
public sealed class TallyTestHost : IAsyncDisposable
{
    public const string ExternalIssuer = "test-idp";

    private readonly WebApplication _app;
    private readonly bool _ownsFolder;
    private readonly SymmetricSecurityKey _externalKey;

    private TallyTestHost(WebApplication app, string dataPath, byte[] externalKey, bool ownsFolder)
    {
        _app = app;
        DataPath = dataPath;
        _ownsFolder = ownsFolder;
        _externalKey = new SymmetricSecurityKey(externalKey);
        BaseAddress = new Uri(app.Urls.First());
        Client = NewClient();
    }

    public string DataPath { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public LedgerFile Ledger => new(Path.Combine(DataPath, "ledger.db"));

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a host; pass the same <paramref name="dataPath"/> and <paramref name="externalKey"/> to simulate a restart.</summary>
    public static async Task<TallyTestHost> StartAsync(string? dataPath = null, byte[]? externalKey = null, params string[] settings)
    {
        var ownsFolder = dataPath is null;
        dataPath ??= Directory.CreateTempSubdirectory("tally-test-").FullName;
        externalKey ??= RandomNumberGenerator.GetBytes(32);
        var args = new List<string>
        {
            "--urls=http://127.0.0.1:0",
            $"--Tally:DataPath={dataPath}",
            $"--Tally:Auth:ExternalIssuers:0:Issuer={ExternalIssuer}",
            $"--Tally:Auth:ExternalIssuers:0:Key={Convert.ToBase64String(externalKey)}",
            "--Logging:LogLevel:Default=Warning",
        };
        args.AddRange(settings);
        var app = TallyServer.Build(args.ToArray());
        await app.StartAsync();
        return new TallyTestHost(app, dataPath, externalKey, ownsFolder);
    }

    public byte[] ExternalKey => _externalKey.Key;

    public HttpClient NewClient(string? token = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    /// <summary>A voter token from the configured external identity provider; its voter id is "test-idp:{subject}".</summary>
    public string MintToken(string subject, SymmetricSecurityKey? key = null) => MintToken(key ?? _externalKey, subject);

    public static string MintToken(byte[] key, string subject) => MintToken(new SymmetricSecurityKey(key), subject);

    private static string MintToken(SymmetricSecurityKey key, string subject) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = ExternalIssuer,
        Audience = "tally",
        Expires = DateTime.UtcNow.AddHours(1),
        Subject = new ClaimsIdentity([new Claim("sub", subject)]),
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
    });

    public HttpClient Voter(string subject) => NewClient(MintToken(subject));

    public static string VoterIdOf(string subject) => $"{ExternalIssuer}:{subject}";

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
        if (_ownsFolder)
        {
            TempFolder.Delete(DataPath);
        }
    }
}
