using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Tally.Ledger.Stores;
using Tally.Ledger.Users;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Guarantees;

/// <summary>
/// Input that is well-formed JSON but hostile — invisible, reversed or control-laden text, look-alike usernames, numbers
/// sent as strings, polls born closed: a 400 naming the field, and the ledger exactly as it was.
/// </summary>
public sealed class HostileTextTests(HostileTextFixture fixture) : IClassFixture<HostileTextFixture>
{
    private static readonly string FiftyZeroWidthSpaces = string.Concat(Enumerable.Repeat("\\u200B", 50));

    private static TheoryData<string, string, int, string, string?> Requests => new()
    {
        // path ({poll} = an existing poll), JSON body (escapes as sent on the wire), status, code, field named in errors
        { "/v1/polls", Poll(title: "\\u202Eevil"), 400, "VALIDATION_FAILED", "title" },
        { "/v1/polls", Poll(title: "a\\u0000b"), 400, "VALIDATION_FAILED", "title" },
        { "/v1/polls", Poll(title: FiftyZeroWidthSpaces), 400, "VALIDATION_FAILED", "title" },
        { "/v1/polls", Poll(title: "x\\u2066y\\u2069"), 400, "VALIDATION_FAILED", "title" },
        { "/v1/polls", Poll(title: "two\\nlines"), 400, "VALIDATION_FAILED", "title" },
        { "/v1/polls", Poll(option: "\\u202Eevil"), 400, "VALIDATION_FAILED", "options" },
        { "/v1/polls", Poll(option: "a\\u0000b"), 400, "VALIDATION_FAILED", "options" },
        { "/v1/polls", Poll(option: FiftyZeroWidthSpaces), 400, "VALIDATION_FAILED", "options" },
        { "/v1/polls", Poll(option: "Cafe\\u0301", other: "Caf\\u00E9"), 400, "VALIDATION_FAILED", "options" },
        { "/v1/polls", Poll(region: "\\u202Enorth"), 400, "VALIDATION_FAILED", "regions" },
        { "/v1/polls", Poll(region: FiftyZeroWidthSpaces), 400, "VALIDATION_FAILED", "regions" },
        { "/v1/polls", Poll(description: "\\u202Eevil"), 400, "VALIDATION_FAILED", "description" },
        { "/v1/polls", Poll(description: "a\\u0007b"), 400, "VALIDATION_FAILED", "description" },
        { "/v1/polls", Poll(end: "2020-01-01T00:00:00Z"), 400, "VALIDATION_FAILED", "end_time" },
        { "/v1/polls", Poll(title: "\\uD800"), 400, "MALFORMED_REQUEST", null },
        { "/v1/polls/{poll}/votes", """{"option_id":"1","region":"north"}""", 400, "MALFORMED_REQUEST", null },
        { "/v1/polls/{poll}/votes", """{"option_id":"0x1","region":"north"}""", 400, "MALFORMED_REQUEST", null },
        { "/v1/polls/{poll}/votes", """{"option_id":1,"region":"north\u202E"}""", 422, "INVALID_REGION", null },
        { "/v1/auth/register", Credentials("alice\\n"), 400, "VALIDATION_FAILED", "username" },
        { "/v1/auth/register", Credentials("alice\\r\\n"), 400, "VALIDATION_FAILED", "username" },
        { "/v1/auth/register", Credentials("\\u0430lice"), 400, "VALIDATION_FAILED", "username" },
        { "/v1/auth/register", Credentials("ali\\u200Bce"), 400, "VALIDATION_FAILED", "username" },
        { "/v1/auth/register", Credentials("\\uFF41\\uFF4C\\uFF49\\uFF43\\uFF45"), 409, "USERNAME_TAKEN", null },
        { "/v1/auth/register", Credentials("ALICE"), 409, "USERNAME_TAKEN", null },
    };

    public static IEnumerable<object?[]> Cases => BothStacks.Each(Requests);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task HostileInputIsRefusedAndChangesNothing(Stack stack, string path, string body, int status, string code, string? field)
    {
        var (host, world) = await fixture.OnAsync(stack);
        var before = await host.Ledger.CountsAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, path.Replace("{poll}", world.PollId))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", host.MintToken("prober"));

        var problem = await Expect.ProblemAsync(await host.Client.SendAsync(request), status, code);

        if (field is not null)
        {
            Assert.Equal([field], problem["errors"]!.AsObject().Select(e => e.Key));
        }
        Assert.Equal(before, await host.Ledger.CountsAsync());
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task PollTextsAreStoredNfcAndTrimmed(Stack stack)
    {
        var (host, _) = await fixture.OnAsync(stack);

        var poll = await host.CreatePollAsync(host.Voter("owner"), new
        {
            title = "  Cafe\u0301?\u200B ",
            description = "Line one\r\nLine two",
            options = new[] { new { text = " Cre\u0300me" }, new { text = "Tea" } },
            regions = new[] { "Zu\u0308rich" },
        });

        Assert.Equal("Caf\u00E9?", (string?)poll["title"]);
        Assert.Equal("Line one\nLine two", (string?)poll["description"]);
        Assert.Equal(["Cr\u00E8me", "Tea"], poll["options"]!.AsArray().Select(o => (string)o!["text"]!));
        Assert.Equal(["Z\u00FCrich"], poll["regions"]!.AsArray().Select(r => (string)r!));
        Assert.Equal("Caf\u00E9?", Assert.Single(await host.Ledger.PollsAsync(), p => p.PollId == Guid.Parse((string)poll["id"]!)).Title);
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task AVoteNamingARegionInAnotherNormalFormCountsForThatRegion(Stack stack)
    {
        var (host, _) = await fixture.OnAsync(stack);
        var poll = await host.CreatePollAsync(host.Voter("owner"), new
        {
            title = "Where?",
            options = new[] { new { text = "Here" }, new { text = "There" } },
            regions = new[] { "Z\u00FCrich", "Bern" },
        });
        var pollId = (string)poll["id"]!;

        var vote = await Expect.JsonAsync(await host.Voter("zurich-voter").VoteAsync(pollId, 1, "Zu\u0308rich "), 201);

        Assert.Equal("Z\u00FCrich", (string?)vote["region"]);
        Assert.Equal("Z\u00FCrich", (await host.Ledger.VotesAsync(Guid.Parse(pollId)))[0].Region);
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task ALookAlikeUsernameSignsIntoTheAccountItLooksLike(Stack stack)
    {
        var (host, world) = await fixture.OnAsync(stack);

        var session = await Expect.JsonAsync(await host.Client.PostAsJsonAsync("/v1/auth/login",
            new { username = "\uFF41\uFF4C\uFF49\uFF43\uFF45", password = HostileTextFixture.Password }), 200);

        Assert.Equal(world.AliceId, (string?)session["user_id"]);
        Assert.Equal("alice", (string?)session["username"]);
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task AnAccountNamedUnderTheOldRulesStillSignsIn(Stack stack)
    {
        // The old pattern ^[A-Za-z0-9._-]{3,64}$ let "legacy\n" register beside "legacy"; such an account must keep working.
        var (host, _) = await fixture.OnAsync(stack);
        var users = host.Services.GetRequiredService<IUserStore>();
        var account = new UserAccount(Guid.CreateVersion7().ToString(), "legacy\n", "", DateTimeOffset.UtcNow);
        account = account with { PasswordHash = new PasswordHasher<UserAccount>().HashPassword(account, HostileTextFixture.Password) };
        Assert.True(await users.CreateAsync(account, TestContext.Current.CancellationToken));

        var session = await Expect.JsonAsync(await host.Client.PostAsJsonAsync("/v1/auth/login",
            new { username = "legacy\n", password = HostileTextFixture.Password }), 200);

        Assert.Equal(account.UserId, (string?)session["user_id"]);
        await Expect.ProblemAsync(await host.Client.PostAsJsonAsync("/v1/auth/login",
            new { username = "legacy", password = HostileTextFixture.Password }), 401, "INVALID_CREDENTIALS");
    }

    private static string Poll(
        string title = "Lunch", string option = "Pizza", string other = "Sushi", string region = "north", string? description = null, string? end = null) =>
        "{" + string.Join(",", new[]
        {
            $"\"title\":\"{title}\"",
            $"\"options\":[{{\"text\":\"{option}\"}},{{\"text\":\"{other}\"}}]",
            $"\"regions\":[\"{region}\"]",
            description is null ? null : $"\"description\":\"{description}\"",
            end is null ? null : $"\"end_time\":\"{end}\"",
        }.OfType<string>()) + "}";

    private static string Credentials(string username) => $$"""{"username":"{{username}}","password":"{{HostileTextFixture.Password}}"}""";
}
