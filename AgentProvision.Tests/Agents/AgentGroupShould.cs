using AgentProvision.Core.Agents;
using AgentProvision.Core.Tenancy;

namespace AgentProvision.Tests.Agents;

public class AgentGroupShould
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Tenant = Guid.NewGuid();

    private readonly AgentGroup _team = new(Tenant, "Sales", "Grow pipeline", Now);
    private readonly Agent _manager = new(Tenant, "Morgan", "Manager", Now);
    private readonly Agent _researcher = new(Tenant, "Riley", "Researcher", Now);
    private readonly Agent _writer = new(Tenant, "Wren", "Writer", Now);

    public AgentGroupShould()
    {
        foreach (var agent in new[] { _manager, _researcher, _writer })
        {
            _team.AddMember(agent, Now);
        }
    }

    [Fact]
    public void LinkTwoOfItsMembers()
    {
        var link = _team.Connect(_manager, _researcher, RelationshipType.Supervises, 0.8, CommunicationStyle.Async, null, Now);

        link.GroupId.ShouldBe(_team.Id);
        link.TenantId.ShouldBe(Tenant);
        _team.Supervises(_manager.Id, _researcher.Id).ShouldBeTrue();
        _team.SupervisorsOf(_researcher.Id).ShouldBe([_manager.Id]);
    }

    [Fact]
    public void RefuseALinkToAnAgentOfAnotherTeam()
    {
        var other = new AgentGroup(Tenant, "Support", "Answer tickets", Now);
        var outsider = new Agent(Tenant, "Olly", "Agent", Now);
        other.AddMember(outsider, Now);

        Should.Throw<AgentDomainException>(() => _team.Connect(_manager, outsider, RelationshipType.Consults, 0.5, CommunicationStyle.Sync, null, Now))
            .Message.ShouldContain("links stay within one team");
        Should.Throw<AgentDomainException>(() => _team.AddMember(outsider, Now)).Message.ShouldContain("already works in another team");
    }

    [Fact]
    public void RefuseAnAgentOfAnotherTenant()
    {
        var foreign = new Agent(Guid.NewGuid(), "Fox", "Spy", Now);

        Should.Throw<TenancyException>(() => _team.AddMember(foreign, Now));
        Should.Throw<TenancyException>(() => _team.Connect(_manager, foreign, RelationshipType.Supervises, 1, CommunicationStyle.Sync, null, Now));
    }

    [Theory]
    [InlineData(RelationshipType.Supervises)]
    [InlineData(RelationshipType.ReportsTo)]
    public void RefuseALoopOfSupervision(RelationshipType closing)
    {
        _team.Connect(_manager, _researcher, RelationshipType.Supervises, 1, CommunicationStyle.Sync, null, Now);
        _team.Connect(_writer, _researcher, RelationshipType.ReportsTo, 1, CommunicationStyle.Sync, null, Now); // researcher supervises writer

        // Writer supervising manager (directly, or manager reporting to writer) would close manager → researcher → writer → manager.
        var attempt = closing == RelationshipType.Supervises
            ? () => _team.Connect(_writer, _manager, RelationshipType.Supervises, 1, CommunicationStyle.Sync, null, Now)
            : (Func<AgentRelationship>)(() => _team.Connect(_manager, _writer, RelationshipType.ReportsTo, 1, CommunicationStyle.Sync, null, Now));

        Should.Throw<AgentDomainException>(attempt).Message.ShouldContain("loop of supervision");
        _team.Relationships.Count.ShouldBe(2);
    }

    [Fact]
    public void AllowPeerLinksBothWays()
    {
        _team.Connect(_researcher, _writer, RelationshipType.CollaboratesWith, 0.6, CommunicationStyle.Broadcast, null, Now);
        _team.Connect(_writer, _researcher, RelationshipType.CollaboratesWith, 0.6, CommunicationStyle.Broadcast, null, Now);

        _team.Relationships.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void RefuseTrustOutsideZeroToOne(double trust) =>
        Should.Throw<AgentDomainException>(() => _team.Connect(_manager, _writer, RelationshipType.Supervises, trust, CommunicationStyle.Sync, null, Now));

    [Fact]
    public void RefuseSelfLinksDuplicatesAndMalformedRules()
    {
        Should.Throw<AgentDomainException>(() => _team.Connect(_manager, _manager, RelationshipType.Consults, 1, CommunicationStyle.Sync, null, Now));
        _team.Connect(_manager, _writer, RelationshipType.Supervises, 1, CommunicationStyle.Sync, null, Now);
        Should.Throw<AgentDomainException>(() => _team.Connect(_manager, _writer, RelationshipType.Supervises, 1, CommunicationStyle.Sync, null, Now));
        Should.Throw<AgentDomainException>(() => _team.Connect(_manager, _researcher, RelationshipType.Supervises, 1, CommunicationStyle.Sync, "{not json", Now))
            .Message.ShouldContain("not valid JSON");
    }

    [Fact]
    public void DropAMembersLinksWhenItLeaves()
    {
        _team.Connect(_manager, _researcher, RelationshipType.Supervises, 1, CommunicationStyle.Sync, null, Now);
        _team.Connect(_researcher, _writer, RelationshipType.Consults, 1, CommunicationStyle.Sync, null, Now);

        _team.RemoveMember(_researcher, Now);

        _team.Relationships.ShouldBeEmpty();
        _researcher.GroupId.ShouldBeNull();
    }

    [Fact]
    public void ImproveASkillWithSuccessAndKeepItsBestExamples()
    {
        var skill = new AgentSkill(Tenant, _writer.Id, "Summarization", SkillSource.Training);

        skill.RecordOutcome(true, "A crisp three-line summary.", Now);
        skill.RecordOutcome(false, null, Now);
        skill.RecordOutcome(true, "Another good one.", Now);

        skill.SkillName.ShouldBe("summarization");
        skill.TimesUsed.ShouldBe(3);
        skill.SuccessRate.ShouldBe(2 / 3d, 1e-9);
        // 0.5 → 0.55 (success) → 0.495 (failure) → 0.5455 (success): a tenth of the way each time.
        skill.Proficiency.ShouldBe(0.5455, 1e-9);
        skill.Examples.ShouldBe(["Another good one.", "A crisp three-line summary."]);
    }
}
