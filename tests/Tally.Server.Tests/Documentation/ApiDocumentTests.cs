using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tally.Server.Documentation;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Documentation;

public sealed partial class ApiDocumentTests
{
    private const string Snapshot = "web/openapi/v1.json";
    private const string ProblemReference = "#/components/schemas/Problem";

    [Fact]
    public async Task TheOpenApiDocumentIsVersion31AndDescribesEveryRouteTheServiceMaps()
    {
        await using var host = await TallyTestHost.StartAsync(Stack.Embedded);
        var document = await DocumentAsync(host);

        Assert.StartsWith("3.1", (string?)document["openapi"]);
        var described = document["paths"]!.AsObject().Select(p => Placeholders().Replace(p.Key, "{}")).ToHashSet();
        var mapped = MappedRoutes(host).Select(r => Placeholders().Replace(r.Path, "{}")).ToHashSet();
        Assert.NotEmpty(mapped);
        Assert.Empty(mapped.Except(described));
    }

    [Fact]
    public async Task TheServedDocumentIsTheCommittedSnapshot()
    {
        await using var host = await TallyTestHost.StartAsync(Stack.Embedded);
        var served = await DocumentAsync(host);
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), Snapshot)));

        Assert.True(JsonNode.DeepEquals(served, committed),
            $"{Snapshot} is not the document the server serves (the web app's types are generated from it): " +
            "refresh it with `bash scripts/openapi-snapshot.sh` and commit it.");
    }

    [Fact]
    public async Task EveryOperationHasASummaryAndAnIdOfItsOwn()
    {
        await using var host = await TallyTestHost.StartAsync(Stack.Embedded);
        var document = await DocumentAsync(host);

        var operations = Operations(document).ToList();
        Assert.All(operations, o => Assert.False(string.IsNullOrWhiteSpace((string?)o.Operation["summary"]), $"{o.Name} has no summary (.WithSummary)."));
        var ids = operations.Select(o => (string?)o.Operation["operationId"]).ToList();
        Assert.DoesNotContain(null, ids);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("castVote", (string?)operations.Single(o => o.Name == "POST /v1/polls/{id}/votes").Operation["operationId"]);
    }

    [Fact]
    public async Task EveryOperationAnswersItsErrorsAsProblemsListingTheirCodes()
    {
        await using var host = await TallyTestHost.StartAsync(Stack.Embedded);
        var document = await DocumentAsync(host);

        var problem = document["components"]!["schemas"]!["Problem"]!;
        foreach (var member in new[] { "type", "title", "status", "detail", "instance", "code", "errors", "trace_id" })
        {
            Assert.NotNull(problem["properties"]![member]);
        }
        Assert.Contains("code", problem["required"]!.AsArray().Select(r => (string?)r));
        foreach (var (name, operation) in Operations(document))
        {
            var errors = operation["responses"]!.AsObject().Where(r => int.Parse(r.Key) >= 400).ToList();
            Assert.True(errors.Count > 0, $"{name} lists no error response.");
            foreach (var (status, response) in errors)
            {
                var schema = response!["content"]?["application/problem+json"]?["schema"];
                Assert.True(schema is not null, $"{name} {status} is not application/problem+json.");
                Assert.Equal(ProblemReference, (string?)schema["allOf"]?[0]?["$ref"]);
                var codes = CodesOf(schema);
                Assert.True(codes.Count > 0, $"{name} {status} lists no code.");
                Assert.All(codes, code => Assert.Contains(code, (string)response["description"]!, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task EveryOperationThatReadsABodyDescribesItsSchema()
    {
        await using var host = await TallyTestHost.StartAsync(Stack.Embedded);
        var document = await DocumentAsync(host);

        // Bodies read by hand show nowhere in their handler's signature: named here, so leaving one undeclared fails.
        var handRead = new Dictionary<string, string>
        {
            ["POST /v1/admin/polls/{id}/recounts"] = "RecountRequest",
            ["POST /v1/admin/blocks"] = "BlockRequest",
            ["POST /v1/admin/polls/{id}/retractions"] = "RetractionRequest",
            ["POST /v1/admin/polls/{id}/reinstatements"] = "ReinstatementRequest",
        };
        var bound = MappedRoutes(host).Where(r => r.Endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not null).Select(r => r.Name).ToList();
        Assert.Contains("POST /v1/polls/{id}/votes", bound);
        var operations = Operations(document).ToDictionary(o => o.Name, o => o.Operation);
        foreach (var name in bound.Concat(handRead.Keys))
        {
            var schema = operations[name]["requestBody"]?["content"]?["application/json"]?["schema"];
            Assert.True(schema?["$ref"] is not null, $"{name} does not describe its body.");
            var id = ((string)schema["$ref"]!).Split('/')[^1];
            Assert.NotNull(document["components"]!["schemas"]![id]!["properties"]);
            if (handRead.TryGetValue(name, out var expected))
            {
                Assert.Equal(expected, id);
            }
        }
        Assert.NotEqual(true, (bool?)operations["POST /v1/admin/polls/{id}/recounts"]["requestBody"]!["required"]);
        Assert.True((bool)operations["POST /v1/admin/blocks"]["requestBody"]!["required"]!);
        // A block names one of three targets: members left out are read as null, so none is required.
        Assert.Null(document["components"]!["schemas"]!["BlockRequest"]!["required"]);
        Assert.NotNull(document["components"]!["schemas"]!["PollResponse"]!["required"]);
    }

    [Fact]
    public async Task OperationsThatKnowTheCallerDeclareHowItProvesWhoItIs()
    {
        await using var host = await TallyTestHost.StartAsync(Stack.Embedded);
        var document = await DocumentAsync(host);

        var schemes = document["components"]!["securitySchemes"]!;
        Assert.Equal(("http", "bearer"), ((string?)schemes["bearer"]!["type"], (string?)schemes["bearer"]!["scheme"]));
        Assert.Equal(("apiKey", "cookie", "tally_session"),
            ((string?)schemes["session"]!["type"], (string?)schemes["session"]!["in"], (string?)schemes["session"]!["name"]));
        Assert.Contains("X-CSRF-Token", (string?)schemes["session"]!["description"], StringComparison.Ordinal);

        var operations = Operations(document).ToDictionary(o => o.Name, o => o.Operation);
        var secured = 0;
        foreach (var route in MappedRoutes(host))
        {
            var security = operations[route.Name]["security"]!.AsArray().Select(r => string.Join("+", r!.AsObject().Select(s => s.Key))).ToList();
            if (route.Endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null)
            {
                secured++;
                Assert.True(security.SequenceEqual(["bearer", "session"]), $"{route.Name} requires a caller but declares [{string.Join(", ", security)}].");
            }
            else
            {
                Assert.True(security.Contains(""), $"{route.Name} serves anyone but does not say so.");
            }
        }
        Assert.True(secured > 20);
        // Anyone may read results; the caller, when known, may see what others may not (hidden results of their own poll).
        Assert.Equal(new[] { "bearer", "session", "" },
            operations["GET /v1/polls/{id}/results"]["security"]!.AsArray().Select(r => string.Join("+", r!.AsObject().Select(s => s.Key))).ToArray());
    }

    [Fact]
    public async Task AnOperationListsTheCodesItsHandlerAnswersWith()
    {
        await using var host = await TallyTestHost.StartAsync(Stack.Embedded);
        var document = await DocumentAsync(host);

        (string Operation, int Status, string Code)[] expected =
        [
            ("POST /v1/polls/{id}/votes", 409, "ALREADY_VOTED"),
            ("POST /v1/polls/{id}/votes", 403, "BLOCKED"),
            ("POST /v1/polls/{id}/votes", 422, "INVALID_OPTION"),
            ("POST /v1/polls/{id}/votes", 401, "UNAUTHENTICATED"),
            ("POST /v1/polls/{id}/votes", 429, "RATE_LIMITED"),
            ("POST /v1/polls/{id}/votes", 415, "UNSUPPORTED_MEDIA_TYPE"),
            ("DELETE /v1/polls/{id}/votes/me", 409, "VOTE_CHANGE_NOT_ALLOWED"),
            ("GET /v1/polls/{id}/results", 403, "RESULTS_HIDDEN"),
            ("GET /v1/polls/{id}/live", 403, "RESULTS_HIDDEN"),
            ("GET /v1/polls", 503, "VIEWS_REBUILDING"),
            ("POST /v1/polls/{id}/close", 403, "NOT_POLL_OWNER"),
            ("POST /v1/auth/login", 401, "INVALID_CREDENTIALS"),
            ("GET /v1/admin/admins", 403, "FORBIDDEN"),
            ("DELETE /v1/admin/admins/{voter}", 409, "ADMIN_FROM_CONFIGURATION"),
            ("POST /v1/admin/polls/{id}/recounts", 415, "UNSUPPORTED_MEDIA_TYPE"),
            ("POST /v1/admin/polls/{id}/retractions", 422, "SELECTION_TOO_LARGE"),
            ("GET /v1/admin/polls/{id}/export", 429, "RATE_LIMITED"),
        ];
        foreach (var (operation, status, code) in expected)
        {
            Assert.True(Listed(document, operation, status).Contains(code), $"{operation} does not list {status} {code}.");
        }
    }

    [Fact]
    public async Task AnOperationListsNoCodeItCannotAnswerWith()
    {
        await using var host = await TallyTestHost.StartAsync(Stack.Embedded);
        var document = await DocumentAsync(host);

        Assert.Empty(Listed(document, "GET /v1/polls/{id}", 401));
        Assert.Empty(Listed(document, "GET /v1/polls/{id}", 429));
        Assert.DoesNotContain("POLL_NOT_FOUND", Listed(document, "GET /v1/admin/polls/{id}/recounts/{recountId}", 404));
        Assert.DoesNotContain("OUTCOME_UNKNOWN", Listed(document, "POST /v1/auth/login", 503));
        Assert.Equal(new[] { "RECOUNT_NOT_FOUND" }, Listed(document, "GET /v1/admin/polls/{id}/recounts/{recountId}", 404).ToArray());
    }

    [Fact]
    public async Task ProblemsTheServiceAnswersWithAreListedForTheirOperation()
    {
        await using var host = await TallyTestHost.StartAsync(Stack.Embedded,
            $"--Tally:Auth:Admins:0:Issuer={TallyTestHost.ExternalIssuer}", "--Tally:Auth:Admins:0:Subject=root");
        var document = await DocumentAsync(host);
        var root = host.Voter("root");
        var voter = host.Voter("someone");
        var poll = (string)(await host.CreatePollAsync(voter))["id"]!;
        await Expect.StatusAsync(await voter.VoteAsync(poll, 1), 201);

        var answers = new (string Operation, HttpClient Client, HttpRequestMessage Request)[]
        {
            ("GET /v1/polls/{id}", host.Client, new(HttpMethod.Get, $"/v1/polls/{Guid.NewGuid()}")),
            ("GET /v1/polls/{id}", host.Client, new(HttpMethod.Get, "/v1/polls/not-an-id")),
            ("GET /v1/polls", host.Client, new(HttpMethod.Get, "/v1/polls?page=0")),
            ("POST /v1/polls/{id}/votes", host.Client, new(HttpMethod.Post, $"/v1/polls/{poll}/votes") { Content = JsonContent.Create(new { option_id = 1 }) }),
            ("POST /v1/polls/{id}/votes", voter, new(HttpMethod.Post, $"/v1/polls/{poll}/votes") { Content = JsonContent.Create(new { option_id = 2, region = "north" }) }),
            ("POST /v1/polls/{id}/close", root, new(HttpMethod.Post, $"/v1/polls/{poll}/close")),
            ("GET /v1/admin/admins", voter, new(HttpMethod.Get, "/v1/admin/admins")),
            ("POST /v1/admin/polls/{id}/recounts", root, new(HttpMethod.Post, $"/v1/admin/polls/{poll}/recounts") { Content = new StringContent("region", Encoding.UTF8, "text/plain") }),
            ("POST /v1/admin/blocks", root, new(HttpMethod.Post, "/v1/admin/blocks") { Content = JsonContent.Create(new { reason = "test" }) }),
            ("POST /v1/admin/polls/{id}/reinstatements", root, new(HttpMethod.Post, $"/v1/admin/polls/{poll}/reinstatements") { Content = JsonContent.Create(new { vote_ids = new[] { Guid.NewGuid() }, reason = "test" }) }),
            ("GET /v1/admin/polls/{id}/recounts/{recountId}", root, new(HttpMethod.Get, $"/v1/admin/polls/{poll}/recounts/{Guid.NewGuid()}")),
        };
        foreach (var (operation, client, request) in answers)
        {
            var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            Assert.True(status >= 400, $"{operation}: expected a problem, got {status}.");
            var code = (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["code"];
            Assert.True(Listed(document, operation, status).Contains(code!), $"{operation} answered {status} {code}, which its description does not list.");
        }
    }

    [Fact]
    public async Task TheApiReferencePageIsServedWithoutAnyOtherSite()
    {
        await using var host = await TallyTestHost.StartAsync(Stack.Embedded);
        var page = await host.Client.GetAsync("/scalar/v1");

        Assert.Equal(200, (int)page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(ExternalScript(), html);
        var script = await host.Client.GetAsync("/scalar/scalar.js");
        Assert.Equal(200, (int)script.StatusCode);
    }

    private static async Task<JsonObject> DocumentAsync(TallyTestHost host) =>
        await Expect.JsonAsync(await host.Client.GetAsync(ApiDocumentation.DocumentPath), 200);

    /// <summary>Every described operation, named "METHOD /path" as the document spells the path.</summary>
    private static IEnumerable<(string Name, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Select(method => ($"{method.Key.ToUpperInvariant()} {path.Key}", method.Value!.AsObject())));

    /// <summary>Every /v1 endpoint the service maps, named as <see cref="Operations"/> names them.</summary>
    private static List<(string Name, string Path, RouteEndpoint Endpoint)> MappedRoutes(TallyTestHost host) =>
        host.Services.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .Select(e => (Path: "/" + e.RoutePattern.RawText!.Trim('/'), Endpoint: e))
            .Where(r => r.Path.StartsWith("/v1/", StringComparison.Ordinal))
            .SelectMany(r => (r.Endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => ($"{m} {r.Path}", r.Path, r.Endpoint)))
            .ToList();

    private static List<string> Listed(JsonObject document, string operation, int status)
    {
        var named = Operations(document).Single(o => o.Name == operation).Operation;
        return named["responses"]![status.ToString()]?["content"]?["application/problem+json"]?["schema"] is { } schema ? CodesOf(schema) : [];
    }

    private static List<string> CodesOf(JsonNode schema) =>
        schema["allOf"]?[1]?["properties"]?["code"]?["enum"]?.AsArray().Select(c => (string)c!).ToList() ?? [];

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Tally.slnx")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No Tally.slnx above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Placeholders();

    [GeneratedRegex(@"<script[^>]+src=""https?://", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalScript();
}
