using AgentProvision.Core.Branding;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Orchestration;
using AgentProvision.Tests.Support.Orchestration;
using Microsoft.Extensions.DependencyInjection;
using static AgentProvision.Tests.Support.Orchestration.AgentModel;

namespace AgentProvision.Tests.Branding;

/// <summary>The assistant name and persona a tenant admin saves reach the model in real engine turns; the model is scripted at the wire.</summary>
public sealed class AssistantVoiceShould : IAsyncLifetime
{
    private EngineHarness _engine = default!;

    public async ValueTask InitializeAsync() => _engine = await EngineHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task PutTheSavedAssistantNameAndPersonaInEveryAgentsPrompt()
    {
        await using (var scope = await _engine.App.ScopeAsync("acme", roles: Roles.TenantAdmin))
        {
            var editor = scope.ServiceProvider.GetRequiredService<IBrandingEditor>();
            var draft = await editor.GetAsync(TestContext.Current.CancellationToken);
            await editor.SaveAsync(draft with { AiAssistantName = "Nova", AiAssistantPersona = """{"tone":"calm","style":"bullet points"}""" },
                TestContext.Current.CancellationToken);
        }

        var team = await EngineTeam.CreateAsync(_engine.App, "acme", [("Sam", "Researcher")], []);
        _engine.Model.On("Sam", AgentPhase.Start, Answer("Three bullet points", 0.9));

        var task = await team.CreateTaskAsync("Summarise the week.", agent: "Sam");
        await team.UntilAsync(task.Id, AgentTaskStatus.Completed);

        var call = _engine.Model.Calls.Single(c => c.Agent == "Sam");
        call.Mentions("You work within Nova, the AI assistant of").ShouldBeTrue();
        call.Mentions("Nova's voice: tone: calm; style: bullet points.").ShouldBeTrue();
    }
}
