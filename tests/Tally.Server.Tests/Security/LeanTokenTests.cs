using System.Security.Cryptography;
using CsCheck;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tally.Server.Auth;

namespace Tally.Server.Tests.Security;

/// <summary>
/// The lean validation path against the full one (JwtBearer's own token handler and parameters, as Tally configures them):
/// it accepts the usual tokens and names the same voter, and never accepts a token the full path refuses, whatever is
/// forged into its header, claims, encoding or signature.
/// </summary>
public sealed class LeanTokenTests : IAsyncDisposable
{
    private const string IdpB = "idp-b";

    private const string Base64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly long Now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static readonly string[] Headers =
    [
        """{"alg":"HS256","typ":"JWT"}""", """{"alg":"HS256"}""", """{"typ":"JWT","alg":"HS256"}""", """{"alg":"HS256","kid":"test-idp","typ":"JWT"}""",
        """{"alg":"HS256","kid":"tally","typ":"JWT"}""", """{"alg":"HS256","kid":"other"}""", """{"alg":"HS256","kid":""}""", """{"alg":"none","typ":"JWT"}""",
        """{"alg":"HS384"}""", """{"alg":"hs256"}""", """{"alg":"RS256"}""", """{"alg":"HS256","alg":"none"}""", """{"alg":"none","alg":"HS256"}""",
        """{"alg":"HS256","crit":["exp"]}""", """{"alg":"HS256","jku":"https://evil.example/keys"}""", """{"alg":"HS256","jwk":{"kty":"oct","k":"AAAA"}}""",
        """{"alg":"HS256","typ":"at+jwt"}""", """{"\u0061lg":"HS256"}""", """{"alg":"HS\u0032\u00356"}""", """ {"alg":"HS256"} """, """{"alg":"HS256"}x""",
        """[{"alg":"HS256"}]""", """{"alg":"HS256","enc":"A128GCM"}""", """{"alg":"HS256","b64":false}""", """{"alg":["HS256"]}""", """{"alg":"HS256","zip":"DEF"}""",
        "{}", "", "null", "\uFEFF{\"alg\":\"HS256\"}", "{\"alg\":\"HS256\",\"kid\":\"" + ForgedToken.NotUtf8 + "\"}", """{"alg":"HS256","typ":null}""",
        """{"alg":"HS256","kid":"test-idp","kid":"tally"}""", """{"alg":"HS256","typ":"JWT","typ":"JWT"}""", """{"alg":"HS256",}""",
    ];

    private static readonly string[] Issuers =
    [
        "\"iss\":\"test-idp\"", "\"iss\":\"idp-b\"", "\"iss\":\"tally\"", "\"iss\":\"unknown\"", "\"iss\":\"TEST-IDP\"", "\"iss\":\"test-idp \"", "\"iss\":\"\"",
        "\"iss\":5", "\"iss\":null", "\"iss\":[\"test-idp\"]", "\"iss\":\"test\\u002didp\"", "",
    ];

    private static readonly string[] Subjects =
    [
        "\"sub\":\"mallory\"", "\"sub\":\"\"", "\"sub\":5", "\"sub\":null", "\"sub\":\"a:b%c\"", "\"sub\":\"zo\\u00eb\"", "\"sub\":\"zoë\"",
        "\"sub\":\"\\ud800\"", "\"sub\":\"" + ForgedToken.NotUtf8 + "\"", "\"sub\":[\"mallory\"]", "",
    ];

    private static readonly string[] Audiences =
    [
        "\"aud\":\"tally\"", "\"aud\":\"aud-b\"", "\"aud\":[\"x\",\"tally\"]", "\"aud\":[\"aud-b\"]", "\"aud\":[]", "\"aud\":[\"tally\",5]",
        "\"aud\":\"someone-else\"", "\"aud\":null", "\"aud\":\"TALLY\"", "\"aud\":\"tall\\u0079\"", "\"aud\":[[\"tally\"]]", "",
    ];

    private static readonly string[] Expiries =
    [
        $"\"exp\":{Now + 3600}", $"\"exp\":{Now - 3600}", $"\"exp\":{Now - 10}", $"\"exp\":{Now - 45}", $"\"exp\":\"{Now + 3600}\"", $"\"exp\":{Now + 3600}.5",
        $"\"exp\":{Now + 3600}.0", "\"exp\":1e10", "\"exp\":99999999999999", "\"exp\":253402300799", "\"exp\":-1", "\"exp\":0", "\"exp\":null", "",
    ];

    private static readonly string[] NotBefores =
    [
        "", $"\"nbf\":{Now - 60}", $"\"nbf\":{Now + 10}", $"\"nbf\":{Now + 3600}", $"\"nbf\":{Now + 7200}", "\"nbf\":1.5", $"\"nbf\":\"{Now}\"", "\"nbf\":-5", "\"nbf\":0",
    ];

    private static readonly string[] Extras =
    [
        "", "", "", $"\"iat\":{Now}", "\"iat\":\"yesterday\"", "\"iat\":1e300", "\"name\":\"alice\"", "\"name\":5", "\"jti\":\"j-1\"", "\"role\":\"admin\"",
        "\"tally_voter\":\"someone\"", "\"nested\":{\"a\":1}", "\"iss\":\"test-idp\"", $"\"exp\":{Now + 60}", "\"sub\":\"other\"", "\"\\u0069ss\":\"test-idp\"",
        "\"name\":\"" + ForgedToken.NotUtf8 + "\"",
    ];

    private readonly byte[] _externalKey = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _idpBKey = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _ownKey = RandomNumberGenerator.GetBytes(64);
    private readonly ServiceProvider _services;
    private readonly LeanTokenValidator _lean;
    private readonly TrustedIssuers _issuers;
    private readonly JwtBearerOptions _jwt;

    public LeanTokenTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<AuthOptions>(auth =>
        {
            auth.ExternalIssuers.Add(new ExternalIssuer { Issuer = TestTokens.ExternalIssuer, Key = Convert.ToBase64String(_externalKey) });
            auth.ExternalIssuers.Add(new ExternalIssuer { Issuer = IdpB, Key = Convert.ToBase64String(_idpBKey), Audience = "aud-b" });
        });
        services.AddTallyAuthentication(_ => _ownKey);
        _services = services.BuildServiceProvider();
        _lean = _services.GetRequiredService<LeanTokenValidator>();
        _issuers = _services.GetRequiredService<TrustedIssuers>();
        _jwt = _services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    [Fact]
    public async Task TheUsualTokensAreAcceptedByTheLeanPathAsTheVoterTheFullPathNames()
    {
        var ownKeyed = new SymmetricSecurityKey(_ownKey) { KeyId = "tally" };
        var expires = DateTime.UtcNow.AddHours(1);
        foreach (var token in new[]
        {
            TestTokens.Voter(_externalKey, "mallory"),
            TestTokens.Voter(_externalKey, "8443:x%y"),
            TestTokens.Mint(_idpBKey, IdpB, "bea", audience: "aud-b"),
            // As Tally issues its own (kid, iat, nbf, name) and as the bench's identity provider mints (no nbf, no iat).
            new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = "tally", Audience = "tally", Expires = expires, NotBefore = DateTime.UtcNow, IssuedAt = DateTime.UtcNow,
                Claims = new Dictionary<string, object> { ["sub"] = Guid.NewGuid().ToString(), ["name"] = "alice" },
                SigningCredentials = new SigningCredentials(ownKeyed, SecurityAlgorithms.HmacSha256),
            }),
            new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
            {
                Issuer = TestTokens.ExternalIssuer, Audience = "tally", Expires = expires, Claims = new Dictionary<string, object> { ["sub"] = "v-1" },
                SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(_externalKey), SecurityAlgorithms.HmacSha256),
            }),
            ForgedToken.Sign("""{"alg":"HS256","typ":"JWT"}""", $$"""{"iss":"test-idp","sub":"zoë","aud":["x","tally"],"exp":{{Now + 60}},"nbf":{{Now + 10}}}""", _externalKey),
        })
        {
            var full = await FullPathVoterAsync(token);
            Assert.NotNull(full);
            var lean = _lean.Validate(token, DateTime.UtcNow);
            Assert.NotNull(lean);
            Assert.Equal(full, lean.Value.VoterId);
        }
    }

    [Fact]
    public async Task WhatTheFullPathRefusesTheLeanPathNeverAccepts()
    {
        var fixedCases = new[]
        {
            ForgedToken.Segment("""{"alg":"none","typ":"JWT"}""") + "." + ForgedToken.Segment($$"""{"iss":"test-idp","aud":"tally","sub":"m","exp":{{Now + 600}}}""") + ".",
            TestTokens.Mint(RandomNumberGenerator.GetBytes(32), TestTokens.ExternalIssuer, "mallory"),
            TestTokens.Mint(_externalKey, TestTokens.ExternalIssuer, "mallory", expires: DateTime.UtcNow.AddHours(-1)),
            TestTokens.Mint(_externalKey, TestTokens.ExternalIssuer, "mallory", audience: "someone-else"),
            TestTokens.Mint(_externalKey, "tally", "mallory"),
            TestTokens.Mint(_externalKey, IdpB, "bea", audience: "aud-b"),
            TestTokens.Mint(_idpBKey, IdpB, "bea", audience: "tally"),
            "garbage", "", "a.b.c", "..", TestTokens.Voter(_externalKey, "m") + ".", TestTokens.Voter(_externalKey, "m")[..^1],
        };
        foreach (var token in fixedCases)
        {
            Assert.Null(await FullPathVoterAsync(token));
            Assert.Null(_lean.Validate(token, DateTime.UtcNow));
        }

        // Longer than the lean path reads: the full path decides (and here accepts).
        var longToken = ForgedToken.Sign("""{"alg":"HS256"}""", $$"""{"iss":"test-idp","aud":"tally","sub":"{{new string('m', 5000)}}","exp":{{Now + 600}}}""", _externalKey);
        Assert.NotNull(await FullPathVoterAsync(longToken));
        Assert.Null(_lean.Validate(longToken, DateTime.UtcNow));

        var leanAccepted = 0;
        var fullAccepted = 0;
        await Gen.Int[0, int.MaxValue].Array[11].SampleAsync(async pick =>
        {
            var token = Forge(pick);
            var full = await FullPathVoterAsync(token);
            var lean = _lean.Validate(token, DateTime.UtcNow);
            Assert.True(lean is null || lean.Value.VoterId == full, $"lean accepted {token} as {lean?.VoterId}; the full path says {full ?? "refused"}");
            Interlocked.Add(ref leanAccepted, lean is null ? 0 : 1);
            Interlocked.Add(ref fullAccepted, full is null ? 0 : 1);
        }, iter: 20_000, threads: 1);
        // The forgeries must reach both answers, or this test proves nothing.
        Assert.InRange(leanAccepted, 1, fullAccepted);
        Assert.True(fullAccepted < 20_000);
    }

    /// <summary>A token of parts picked from the lists above, signed with a picked key, then perhaps re-encoded or damaged.</summary>
    private string Forge(int[] pick)
    {
        // Half the time each part is the usual one, so that some forgeries are whole tokens and the rest differ in a few parts.
        T Of<T>(T[] parts, int i) => pick[i] % 4 < 2 ? parts[0] : parts[pick[i] / 4 % parts.Length];
        var claims = new[] { Of(Issuers, 0), Of(Subjects, 1), Of(Audiences, 2), Of(Expiries, 3), Of(NotBefores, 4), Of(Extras, 5) }
            .Where(c => c.Length > 0);
        if (pick[6] % 2 == 0)
        {
            claims = claims.Reverse();
        }
        var payload = "{" + string.Join(",", claims) + "}";
        var key = Of(new[] { _externalKey, _idpBKey, _ownKey, RandomNumberGenerator.GetBytes(32) }, 7);
        var token = ForgedToken.Sign(Of(Headers, 8), payload, key);
        var damage = Of(Enumerable.Range(0, 9).ToArray(), 9);
        return damage switch
        {
            1 => token[..^1] + (token[^1] == 'A' ? 'B' : 'A'),
            2 => token + "=",
            3 => token.Replace('-', '+').Replace('_', '/'),
            4 => token.Insert(token.IndexOf('.') + 1, " "),
            // The signature's last character carries 4 bits of it and 2 that must be zero.
            5 => token[..^1] + Base64Url[Base64Url.IndexOf(token[^1]) ^ 1],
            6 => token.Insert(token.IndexOf('.'), "=="),
            7 => token + ".",
            8 => token[..(pick[10] % token.Length)],
            _ => token,
        };
    }

    /// <summary>Whom JwtBearer's full path would sign in with this token: its token handler, then Tally's subject rule.</summary>
    private async Task<string?> FullPathVoterAsync(string token)
    {
        var result = await _jwt.TokenHandlers[0].ValidateTokenAsync(token, _jwt.TokenValidationParameters.Clone());
        return result.IsValid && result.SecurityToken is JsonWebToken jwt && jwt.TryGetPayloadValue<string>("sub", out var subject) && !string.IsNullOrEmpty(subject)
            ? _issuers.VoterIdOf(jwt.Issuer, subject)
            : null;
    }
}
