using Scalar.AspNetCore;

namespace Tally.Server.Documentation;

/// <summary>
/// The API described by the framework from the endpoints themselves (OpenAPI 3.1 at <c>/openapi/v1.json</c>), completed
/// from their metadata (problems, security, hand-read bodies), so the description cannot drift from what is served; and
/// a reference page for people at <c>/scalar/v1</c>, served locally.
/// </summary>
public static class ApiDocumentation
{
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddTallyApiDocumentation(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.AddSchemaTransformer<RequestSchemas>();
        options.AddOperationTransformer<TallyOperationTransformer>();
        options.AddDocumentTransformer<TallyDocumentTransformer>();
    });

    public static WebApplication MapTallyApiDocumentation(this WebApplication app)
    {
        app.MapOpenApi();
        // Everything from this server: Scalar's default fonts come from its own site.
        app.MapScalarApiReference(options => options.DefaultFonts = false);
        return app;
    }
}
