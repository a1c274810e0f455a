using AgentProvision.Core.Domains;

namespace AgentProvision.Web.Domains;

public static class TlsAskEndpoints
{
    public const string Path = "/tls/ask";

    /// <summary>
    /// <c>GET /tls/ask?domain=&lt;host&gt;</c>, for a reverse proxy with on-demand TLS (Caddy's <c>on_demand_tls { ask … }</c>):
    /// 200 when it may get a certificate for the host, 404 when not. Anonymous: the proxy calls it on the app's own
    /// address, before any tenant or user is involved.
    /// </summary>
    public static IEndpointRouteBuilder MapTlsAsk(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, Ask).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> Ask(string? domain, ICertificateAsk ask, CancellationToken cancellationToken) =>
        await ask.MayIssueAsync(domain, cancellationToken)
            ? Results.Text("allowed", "text/plain")
            : Results.NotFound();
}
