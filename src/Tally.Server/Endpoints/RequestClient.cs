using Tally.Domain.Commands;

namespace Tally.Server.Endpoints;

/// <summary>Where a request came from, as a command records it: the client address (a trusted proxy's X-Forwarded-For already applied) and the user agent, cut to its stored length.</summary>
public static class RequestClient
{
    public const int MaxUserAgentLength = 512;

    public static ClientInfo Of(HttpContext http)
    {
        var agent = http.Request.Headers.UserAgent.ToString();
        return new ClientInfo(
            http.Connection.RemoteIpAddress?.ToString(),
            agent.Length == 0 ? null : agent.Length > MaxUserAgentLength ? agent[..MaxUserAgentLength] : agent);
    }
}
