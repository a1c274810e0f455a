using AgentProvision.Tests.Support.Llm;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Support.Orchestration;

/// <summary>
/// The real host with its engine, a clock a test can move forward, and the scripted model at the wire, with acme's
/// default LLM configuration pointing at it. Create one per test; dispose it at the end.
/// </summary>
public sealed class EngineHarness : IAsyncDisposable
{
    private EngineHarness(AppFactory app, ShiftedClock clock, AgentModel model, ScriptedLlmServer server)
    {
        App = app;
        Clock = clock;
        Model = model;
        Server = server;
    }

    public AppFactory App { get; }

    public ShiftedClock Clock { get; }

    public AgentModel Model { get; }

    public ScriptedLlmServer Server { get; }

    public static async Task<EngineHarness> StartAsync(params (string Key, string? Value)[] settings)
    {
        var clock = new ShiftedClock();
        var app = AppFactory.With([.. LlmTenantSetup.FastRetries, ("Orchestration:PollInterval", "00:00:00.200"), .. settings])
            .WithServices(s => s.AddSingleton<TimeProvider>(clock));
        var model = new AgentModel();
        var server = await ScriptedLlmServer.StartAsync();
        await EngineTeam.UseModelAsync(app, "acme", server, model);
        return new EngineHarness(app, clock, model, server);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Server.DisposeAsync();
    }
}
