using System.Net.Http.Headers;
using System.Text;

namespace Tally.Server.Tests.Security;

/// <summary>One request an attacker or a broken client might send: raw body text (so it can be anything), raw token.</summary>
public sealed record HostileRequest(string Name, HttpMethod Method, string Path, string? Body = null, string? Token = null, string? IdempotencyKey = null)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, Path);
        if (Body is not null)
        {
            message.Content = new StringContent(Body, Encoding.UTF8, "application/json");
        }
        if (Token is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Token);
        }
        if (IdempotencyKey is not null)
        {
            message.Headers.TryAddWithoutValidation("Idempotency-Key", IdempotencyKey);
        }
        return message;
    }

    public override string ToString() => $"{Name}: {Method} {Path}";
}
