using System.Net.Http.Json;
using System.Security.Cryptography;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Security;

/// <summary>
/// A refused token gets JwtBearer's own 401: the problem, and a WWW-Authenticate naming what was wrong. The lean path
/// never answers a refusal itself, so these stay what they were before it.
/// </summary>
public sealed class BearerChallengeTests
{
    [Fact]
    public async Task ARefusedTokenGetsJwtBearersOwnChallengeAndProblem()
    {
        await using var host = await TallyTestHost.StartAsync(Stack.Embedded);
        var cases = new (string? Token, string Challenge)[]
        {
            (null, "Bearer"),
            ("garbage", "Bearer error=\"invalid_token\""),
            (TestTokens.Mint(host.ExternalKey, TestTokens.ExternalIssuer, "m", expires: DateTime.UtcNow.AddHours(-1)),
                "Bearer error=\"invalid_token\", error_description=\"The token expired at '"),
            (TestTokens.Mint(RandomNumberGenerator.GetBytes(32), TestTokens.ExternalIssuer, "m"),
                "Bearer error=\"invalid_token\", error_description=\"The signature key was not found\""),
            (TestTokens.Mint(host.ExternalKey, TestTokens.ExternalIssuer, "m", audience: "someone-else"),
                "Bearer error=\"invalid_token\", error_description=\"The audience 'someone-else' is invalid\""),
        };
        foreach (var (token, challenge) in cases)
        {
            using var response = await host.NewClient(token).PostAsJsonAsync("/v1/polls", new { title = "x" });
            await Expect.ProblemAsync(response, 401, "UNAUTHENTICATED");
            var header = Assert.Single(response.Headers.WwwAuthenticate).ToString();
            Assert.True(header.StartsWith(challenge, StringComparison.Ordinal), $"{token}: {header}");
        }
    }
}
