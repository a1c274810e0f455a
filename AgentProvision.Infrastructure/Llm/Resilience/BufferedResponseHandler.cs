namespace AgentProvision.Infrastructure.Llm.Resilience;

/// <summary>
/// Reads a whole non-streaming response inside the attempt, so the per-attempt timeout also covers a server that
/// sends its headers and then stalls the body (the stall is then timed out and retried like any other). Streams
/// (server-sent events, NDJSON) pass through untouched: they are meant to stay open.
/// </summary>
internal sealed class BufferedResponseHandler : DelegatingHandler
{
    private static readonly string[] StreamingTypes = ["text/event-stream", "application/x-ndjson"];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (!StreamingTypes.Contains(response.Content.Headers.ContentType?.MediaType))
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
        }

        return response;
    }
}
