using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.IdentityModel.Tokens;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Security;

/// <summary>
/// Every endpoint meets malformed, oversized, mistyped, hostile-text and forged-token requests: each gets a 4xx
/// problem+json with a stable code (never a 5xx), and the ledger's tables hold exactly what they held before.
/// </summary>
public sealed class HostileInputTests
{
    private const string Forbidden = "\u0000\u0007\u001b\u007f\u0080\u009f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ud800\udc00";
    private const string Noise = "\u200b\u200c\u200d\u2060\ufeff'\";--<>/*%_\\ ";

    /// <summary>
    /// A string that always holds, between two letters (where trimming cannot take it away), at least one character no
    /// display text, username or region may contain.
    /// </summary>
    private static readonly Gen<string> HostileText = Gen.Select(
        Gen.String[Gen.Char[Noise + "abcXYZ123"], 0, 12],
        Gen.Char[Forbidden],
        Gen.String[Gen.Char[Noise + Forbidden + "abc"], 0, 12],
        (before, bad, after) => before + "x" + bad + "y" + after);

    [Theory, ClassData(typeof(BothStacks))]
    public async Task EveryHostileRequestGetsAProblemAndChangesNothing(Stack stack)
    {
        // Rate limits have their own tests; here every request must reach the code that judges its input.
        await using var host = await TallyTestHost.StartAsync(stack, "--Tally:Limits:Enabled=false");
        var world = await HostileWorld.BuildAsync(host);
        var before = await host.Ledger.CountsAsync();

        foreach (var request in FixedRequests(host, world))
        {
            await ExpectRefusedAsync(host, request);
        }
        await Gen.Select(HostileText, Gen.Int[0, 5]).SampleAsync(
            async (text, target) => await ExpectRefusedAsync(host, Generated(world, text, target)), iter: 150, threads: 1);

        // A NUL in the path is refused by Kestrel's request parser before any of Tally runs: a bare 400, no problem to write.
        using (var nul = await host.Client.PostAsync("/v1/polls/%00/votes", new StringContent("{}", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(400, (int)nul.StatusCode);
        }

        Assert.Equal(before, await host.Ledger.CountsAsync());
    }

    private static async Task ExpectRefusedAsync(TallyTestHost host, HostileRequest request)
    {
        using var response = await host.Client.SendAsync(request.ToMessage());
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status is >= 400 and < 500, $"{request} answered {status}: {body}");
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        Assert.True(mediaType == "application/problem+json", $"{request} answered {status} as {mediaType}: {body}");
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["code"]), $"{request}: no code in {body}");
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]), $"{request}: no detail in {body}");
        Assert.DoesNotContain("   at ", body);
    }

    /// <summary>Hostile text in one field of an otherwise valid request.</summary>
    private static HostileRequest Generated(HostileWorld world, string text, int target)
    {
        var t = JsonText.Quote(text);
        return target switch
        {
            0 => new("title", HttpMethod.Post, "/v1/polls", $$"""{"title":{{t}},"options":[{"text":"A"},{"text":"B"}]}""", world.OwnerToken),
            1 => new("option", HttpMethod.Post, "/v1/polls", $$"""{"title":"T","options":[{"text":{{t}}},{"text":"B"}]}""", world.OwnerToken),
            2 => new("region", HttpMethod.Post, "/v1/polls", $$"""{"title":"T","options":[{"text":"A"},{"text":"B"}],"regions":[{{t}}]}""", world.OwnerToken),
            3 => new("description", HttpMethod.Post, "/v1/polls", $$"""{"title":"T","description":{{t}},"options":[{"text":"A"},{"text":"B"}]}""", world.OwnerToken),
            4 => new("username", HttpMethod.Post, "/v1/auth/register", $$"""{"username":{{t}},"password":"correct horse"}""", null),
            _ => new("vote region", HttpMethod.Post, $"/v1/polls/{world.PollId}/votes", $$"""{"option_id":1,"region":{{t}}}""", world.FreshVoterToken),
        };
    }

    private static IEnumerable<HostileRequest> FixedRequests(TallyTestHost host, HostileWorld world)
    {
        var poll = world.PollId;
        var owner = world.OwnerToken;
        var voter = world.FreshVoterToken;
        var post = HttpMethod.Post;
        const string ValidPoll = """{"title":"T","options":[{"text":"A"},{"text":"B"}]}""";

        // Malformed, oversized and deeply nested JSON.
        foreach (var body in new[] { "", "{", "[]", "null", "not json", "{\"title\":", new string('[', 100_000), "{\"title\":\"" + new string('x', 40_000) + "\"}" })
        {
            yield return new("malformed poll", post, "/v1/polls", body, owner);
            yield return new("malformed vote", post, $"/v1/polls/{poll}/votes", body, voter);
            yield return new("malformed register", post, "/v1/auth/register", body);
            yield return new("malformed login", post, "/v1/auth/login", body);
        }
        yield return new("nested object", post, "/v1/polls", string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000), owner);

        // Wrong types and overflowing numbers.
        foreach (var body in new[]
        {
            """{"title":5,"options":[{"text":"A"},{"text":"B"}]}""",
            """{"title":"T","options":"A,B"}""",
            """{"title":"T","options":[{"text":1},{"text":"B"}]}""",
            """{"title":"T","options":[null,{"text":"B"}]}""",
            """{"title":"T","options":[{"text":"A"},{"text":"B"}],"regions":[1]}""",
            """{"title":"T","options":[{"text":"A"},{"text":"B"}],"end_time":"yesterday"}""",
            """{"title":"T","options":[{"text":"A"},{"text":"B"}],"end_time":"2001-01-01T00:00:00Z"}""",
            """{"title":"T","options":[{"text":"A"},{"text":"B"}],"start_time":1700000000}""",
            """{"title":"T","options":[{"text":"A"},{"text":"B"}],"settings":{"results_visibility":"everyone"}}""",
            """{"title":"T","options":[{"text":"A"},{"text":"B"}],"settings":{"allow_vote_change":"yes"}}""",
            """{"title":"T","options":[{"text":"A"}]}""",
            """{"title":"<script>alert(1)</script>","options":[{"text":"'; DROP TABLE polls;--"}]}""",
            """{"title":"\u202eevil","options":[{"text":"A"},{"text":"B"}]}""",
            """{"title":"a\u0000b","options":[{"text":"A"},{"text":"B"}]}""",
            "{\"title\":\"" + string.Concat(Enumerable.Repeat("\\u200b", 50)) + "\",\"options\":[{\"text\":\"A\"},{\"text\":\"B\"}]}",
            """{"title":"T","options":[{"text":"A"},{"text":"\ud83d"}]}""",
        })
        {
            yield return new("bad poll", post, "/v1/polls", body, owner);
        }
        foreach (var body in new[]
        {
            """{"option_id":"1"}""", """{"option_id":1e400}""", """{"option_id":99999999999999999999}""", """{"option_id":1.5}""",
            """{"option_id":-1}""", """{"option_id":0}""", """{"option_id":true}""", """{"option_id":[1]}""", """{"region":"north"}""",
            """{"option_id":1,"region":{}}""", """{"option_id":1,"region":"north'; DROP TABLE vote_records;--"}""",
            """{"option_id":1,"region":"<script>alert(1)</script>"}""", """{"option_id":4}""",
        })
        {
            yield return new("bad vote", post, $"/v1/polls/{poll}/votes", body, voter);
        }
        yield return new("bad key", post, $"/v1/polls/{poll}/votes", """{"option_id":1}""", voter, "key with spaces");
        yield return new("long key", post, $"/v1/polls/{poll}/votes", """{"option_id":1}""", voter, new string('k', 256));
        foreach (var body in new[]
        {
            """{"username":"alice\n","password":"correct horse"}""", """{"username":"al ice","password":"correct horse"}""",
            """{"username":"'; DROP TABLE users;--","password":"correct horse"}""", """{"username":"x","password":"correct horse"}""",
            """{"username":12345,"password":"correct horse"}""", """{"username":"mallory","password":"short"}""",
            """{"username":"alice","password":"correct horse"}""",
            "{\"username\":\"" + new string('m', 65) + "\",\"password\":\"correct horse\"}",
        })
        {
            yield return new("bad registration", post, "/v1/auth/register", body);
        }
        yield return new("wrong password", post, "/v1/auth/login", """{"username":"alice","password":"wrong horse"}""");
        yield return new("login types", post, "/v1/auth/login", """{"username":["alice"],"password":{}}""");

        // Bad ids, paths and queries.
        foreach (var path in new[]
        {
            "/v1/polls/not-a-guid/votes", $"/v1/polls/{Guid.NewGuid()}/votes", "/v1/polls/'%20OR%201=1--/votes",
            $"/v1/polls/{poll}/votes/../../../etc/passwd",
        })
        {
            yield return new("bad poll path", post, path, """{"option_id":1}""", voter);
        }
        foreach (var path in new[]
        {
            "/v1/polls?page=0", "/v1/polls?page=abc", "/v1/polls?page=99999999999", "/v1/polls?q=" + new string('q', 300),
            $"/v1/polls/{poll}/results?min_sequence=-1", $"/v1/polls/{poll}/results?min_sequence=abc",
            $"/v1/polls/{poll}/delta?since=99999h", $"/v1/polls/{poll}/delta?since=-5m", "/v1/polls/not-a-guid",
            $"/v1/polls/{Guid.NewGuid()}/results", "/v1/nothing-here",
        })
        {
            yield return new("bad query", HttpMethod.Get, path);
        }

        // Missing, forged, unsigned, expired and misdirected tokens.
        var unsigned = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""") + "."
            + Base64UrlEncoder.Encode($$"""{"iss":"{{TallyTestHost.ExternalIssuer}}","aud":"tally","sub":"mallory","exp":{{DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}}}""") + ".";
        foreach (var token in new[]
        {
            null, "", "garbage", unsigned,
            TestTokens.Mint(RandomNumberGenerator.GetBytes(32), TallyTestHost.ExternalIssuer, "mallory"),
            TestTokens.Mint(host.ExternalKey, TallyTestHost.ExternalIssuer, "mallory", expires: DateTime.UtcNow.AddHours(-1)),
            TestTokens.Mint(host.ExternalKey, TallyTestHost.ExternalIssuer, "mallory", audience: "someone-else"),
            TestTokens.Mint(host.ExternalKey, "tally", "mallory"),
        })
        {
            yield return new("token on create", post, "/v1/polls", ValidPoll, token);
            yield return new("token on vote", post, $"/v1/polls/{poll}/votes", """{"option_id":1}""", token);
            yield return new("token on close", post, $"/v1/polls/{poll}/close", null, token);
            yield return new("token on retract", HttpMethod.Delete, $"/v1/polls/{poll}/votes/me", null, token);
            yield return new("token on admin", HttpMethod.Put, $"/v1/admin/admins/{Uri.EscapeDataString(TallyTestHost.VoterIdOf("mallory"))}", null, token);
        }

        // Another user's poll, and a vote that is not there.
        yield return new("close another's poll", post, $"/v1/polls/{poll}/close", null, voter);
        yield return new("retract nothing", HttpMethod.Delete, $"/v1/polls/{poll}/votes/me", null, voter);
        yield return new("vote twice", post, $"/v1/polls/{poll}/votes", """{"option_id":2}""", world.VotedToken);
        yield return new("admin as voter", HttpMethod.Put, $"/v1/admin/admins/{Uri.EscapeDataString(TallyTestHost.VoterIdOf("mallory"))}", null, voter);
        yield return new("wrong method", HttpMethod.Patch, $"/v1/polls/{poll}", "{}", owner);
    }
}
