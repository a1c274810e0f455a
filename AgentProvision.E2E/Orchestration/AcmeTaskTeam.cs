using AgentProvision.E2E.Infrastructure;
using AgentProvision.E2E.Pages;
using Microsoft.Playwright;

namespace AgentProvision.E2E.Orchestration;

/// <summary>
/// What the task board tests need once: acme's model, a fake OpenAI endpoint that answers as the engine asks
/// (<c>{"output": ..., "confidence": ...}</c>) and slowly enough that a task's intermediate status can be seen, and a
/// team of one agent that works on it. Arranged through the pages by the first test that asks.
/// </summary>
public sealed class AcmeTaskTeam : IAsyncDisposable
{
    public const string TeamName = "Retention desk";

    public const string Answer = "Churn is driven by a slow onboarding";

    private static readonly TimeSpan ModelLatency = TimeSpan.FromMilliseconds(1500);

    private bool _arranged;

    public FakeOpenAiEndpoint Model { get; } = new($$"""{"output": "{{Answer}}", "confidence": 0.9}""", ModelLatency);

    /// <param name="page">Signed in as an acme admin; left on the team builder.</param>
    public async Task ArrangeAsync(IPage page, Uri acme)
    {
        if (_arranged)
        {
            return;
        }

        var settings = await new LlmSettingsPage(page, acme).GotoAsync();
        await settings.AddOwnKeyConfigurationAsync("gpt-4o-mini", "openai/gpt-4o-mini", "sk-e2e-tasks-0123456789", Model.BaseUrl);
        var teams = await new TeamsPage(page, acme).GotoAsync();
        await teams.CreateTeamAsync(TeamName, "Find out why customers leave and what keeps them");
        await teams.AddAgentAsync("Rhea", "Researcher");
        _arranged = true;
    }

    public ValueTask DisposeAsync() => Model.DisposeAsync();
}
