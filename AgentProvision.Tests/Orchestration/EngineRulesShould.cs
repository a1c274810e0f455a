using AgentProvision.Core.Branding;
using AgentProvision.Core.Agents;
using AgentProvision.Core.Orchestration;
using Microsoft.Extensions.AI;

namespace AgentProvision.Tests.Orchestration;

public class EngineRulesShould
{
    private static readonly DateTimeOffset Created = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static readonly EscalationPolicy Policy = EscalationPolicy.Parse("""
        { "rules": [ { "when": "confidenceBelow", "threshold": 0.6 }, { "when": "subtaskFailed" },
                     { "when": "keyword", "keywords": ["refund", "legal"] }, { "when": "deadlinePassed", "minutes": 30 } ],
          "approverRole": "TenantAdmin", "trustThreshold": 0.5 }
        """);

    public static TheoryData<double?, bool, string?, int, string?> Escalations => new()
    {
        // confidence, subtask failed, text, minutes since creation, expected reason (null: no escalation)
        { 0.9, false, "All done.", 5, null },
        { 0.55, false, "Probably fine.", 5, "confidence 0.55 is below the team's threshold of 0.60" },
        { null, true, "Part B failed.", 5, "a subtask failed" },
        { 0.9, false, "The customer wants a REFUND.", 5, "the work mentions \"refund\"" },
        { 0.9, false, "All done.", 31, "the task has run longer than 30 minutes" },
        { 0.5, true, "refund", 45, "confidence 0.50 is below the team's threshold of 0.60" },
    };

    [Theory]
    [MemberData(nameof(Escalations))]
    public void EscalateByTheFirstRuleThatFires(double? confidence, bool subtaskFailed, string? text, int minutes, string? reason)
    {
        var decision = EscalationEvaluator.Evaluate(Policy, new StepOutcome(confidence, subtaskFailed, text, Created, Created.AddMinutes(minutes)));

        decision?.Reason.ShouldBe(reason);
        (decision is null).ShouldBe(reason is null);
    }

    [Fact]
    public void NeverEscalateWithoutRules() =>
        EscalationEvaluator.Evaluate(EscalationPolicy.Default, new StepOutcome(0.01, true, "refund", Created, Created.AddDays(3))).ShouldBeNull();

    public static TheoryData<AutonomyLevel, bool, double?, string?> Approvals => new()
    {
        { AutonomyLevel.Full, false, null, null },
        { AutonomyLevel.Supervised, false, 0.9, null },
        { AutonomyLevel.ApprovalRequired, false, 0.9, "the agent's autonomy level requires approval" },
        { AutonomyLevel.Full, true, 0.9, "the task was created with \"requires approval\"" },
        { AutonomyLevel.Supervised, false, 0.3, "trust on the delegating link (0.30) is below the team's threshold of 0.50" },
        { AutonomyLevel.ApprovalRequired, true, 0.1, "the agent's autonomy level requires approval" },
    };

    [Theory]
    [MemberData(nameof(Approvals))]
    public void AskForApprovalWhenAutonomyTheTaskOrTrustSaySo(AutonomyLevel autonomy, bool requiresApproval, double? trust, string? reason)
    {
        var requirement = ApprovalPolicy.Evaluate(autonomy, requiresApproval, trust, Policy);

        requirement?.Reason.ShouldBe(reason);
        (requirement is null).ShouldBe(reason is null);
        if (requirement is not null)
        {
            requirement.ApproverRole.ShouldBe("TenantAdmin");
        }
    }

    [Fact]
    public void BuildAPromptFromPersonaRoleTeamTaskSkillsAndHistory()
    {
        var tenant = Guid.NewGuid();
        var team = new AgentGroup(tenant, "Deal desk", "Qualify inbound leads", Created);
        team.SetPlaybook("{}", """{"market":"EU","currency":"EUR"}""", "{}", Created);
        var agent = new Agent(tenant, "Sam", "SDR", Created);
        agent.Describe("Sam", "SDR", "Writes first replies to leads.", ["email", "crm lookup"], Created);
        agent.SetPersona("""{"tone":"friendly","style":"short paragraphs"}""", "{}", Created);
        var task = new AgentTask(tenant, team.Id, agent.Id, "Reply to Acme's pricing question", TaskTypes.Generate, TaskPriority.High, Created,
            contextJson: """{"lead":"Acme Corp"}""");
        var skill = new AgentSkill(tenant, agent.Id, "email_writing", SkillSource.Practice);
        skill.RecordOutcome(true, "Hi Ana, thanks for asking about plans…", Created);

        var messages = AgentPrompt.Build(agent, team, task, [skill], [new PriorMessage("Mira", MessageType.Request, "Keep it under 120 words.")]);

        messages.Select(m => m.Role).ShouldBe([ChatRole.System, ChatRole.User, ChatRole.User]);
        var system = messages[0].Text;
        system.ShouldContain("You are Sam, the SDR of the team \"Deal desk\".");
        system.ShouldContain("Your manner: tone: friendly; style: short paragraphs.");
        system.ShouldContain("The team's goal: Qualify inbound leads");
        system.ShouldContain("What the whole team knows: market: EU; currency: EUR.");
        system.ShouldContain("You can: email, crm lookup.");
        system.ShouldContain("- Hi Ana, thanks for asking about plans…");
        messages[1].Text.ShouldStartWith("Your task (generate, high priority): Reply to Acme's pricing question");
        messages[1].Text.ShouldContain("Context: lead: Acme Corp.");
        messages[2].Text.ShouldBe("[Request from Mira] Keep it under 120 words.");
    }

    [Fact]
    public void SpeakAsTheTenantsAssistantInItsPersona()
    {
        var tenant = Guid.NewGuid();
        var team = new AgentGroup(tenant, "Care desk", "Answer patients", Created);
        var agent = new Agent(tenant, "Ada", "Coordinator", Created);
        var task = new AgentTask(tenant, team.Id, agent.Id, "Explain visiting hours", TaskTypes.Generate, TaskPriority.Normal, Created);
        var voice = new AssistantVoice("St. Mary's", "Mara", """{"tone":"warm","style":"plain words"}""");

        var system = AgentPrompt.Build(agent, team, task, [], [], voice)[0].Text;

        system.ShouldContain("You work within Mara, the AI assistant of St. Mary's: what people read from you is said as Mara.");
        system.ShouldContain("Mara's voice: tone: warm; style: plain words.");
        AgentPrompt.Build(agent, team, task, [], [])[0].Text.ShouldNotContain("AI assistant of", customMessage: "no branding, no voice line");
    }
}
