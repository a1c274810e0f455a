using System.Text.Json.Nodes;
using AgentProvision.Infrastructure.Llm;
using AgentProvision.Infrastructure.Llm.Providers;
using AgentProvision.Infrastructure.Llm.Resilience;
using AgentProvision.Tests.Support.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Llm.Adapters;

/// <summary>
/// A scripted provider server plus the app's real provider factory on the real resilient HTTP pipeline
/// (<c>AddLlmHttpClient</c>), configured with small delays so retries take milliseconds.
/// </summary>
public sealed class ProviderHarness : IAsyncDisposable
{
    /// <summary>Distinctive enough that any leak into an exception or log is unmistakable.</summary>
    public const string ApiKey = "sk-test-SECRET-1234567890abcdef";

    private readonly ServiceProvider _services;

    private ProviderHarness(ScriptedLlmServer server, ServiceProvider services)
    {
        Server = server;
        _services = services;
        Factory = services.GetRequiredService<ProviderChatClientFactory>();
    }

    public ScriptedLlmServer Server { get; }

    public ProviderChatClientFactory Factory { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<ProviderHarness> StartAsync(Action<LlmOptions>? configure = null)
    {
        var server = await ScriptedLlmServer.StartAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<LlmOptions>(o =>
        {
            o.MaxRetries = 2;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(50);
            o.AttemptTimeout = TimeSpan.FromSeconds(2);
            configure?.Invoke(o);
        });
        services.AddLlmHttpClient();
        services.AddSingleton<ProviderChatClientFactory>();
        return new ProviderHarness(server, services.BuildServiceProvider());
    }

    /// <summary>A client for a provider whose base URL is the scripted server plus <paramref name="path"/>.</summary>
    public IChatClient Create(string providerName, string apiStyle, string path, string modelId, string? apiKey = ApiKey,
        int? maxOutputTokens = null) =>
        Factory.Create(new ProviderEndpoint(providerName, apiStyle, new Uri(Server.BaseUrl, path), apiKey), modelId, maxOutputTokens);

    public static JsonNode Body(RecordedRequest request) => JsonNode.Parse(request.Body)!;

    /// <summary>A message content as text: a plain string, or the concatenated text of an array of content parts.</summary>
    public static string Text(JsonNode? content) => content switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>() ?? Text(p?["content"]))),
        _ => string.Empty,
    };

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
