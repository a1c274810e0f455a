using AgentProvision.Core.Memory;

namespace AgentProvision.Tests.Memory;

public class AgentMemoryShould
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Tenant = Guid.NewGuid();
    private static readonly Guid Agent = Guid.NewGuid();

    [Theory]
    [InlineData("", 0.5, "1 to 8,000 characters")]
    [InlineData("fact", 1.5, "Importance is between 0 and 1")]
    [InlineData("fact", double.NaN, "Importance is between 0 and 1")]
    public void RefuseAMemoryThatBreaksTheRules(string content, double importance, string message) =>
        Should.Throw<MemoryException>(() => new AgentMemory(Tenant, Agent, MemoryType.Fact, content, importance, MemorySource.Conversation, Now))
            .Message.ShouldContain(message);

    [Fact]
    public void RefuseToExpireBeforeItIsMade() =>
        Should.Throw<MemoryException>(() => new AgentMemory(Tenant, Agent, MemoryType.Fact, "fact", 0.5, MemorySource.Conversation, Now,
            expiresAt: Now.AddMinutes(-1)));

    [Fact]
    public void CountEachRecallAndKnowWhenItExpires()
    {
        var memory = new AgentMemory(Tenant, Agent, MemoryType.Preference, "Prefers email", 0.6, MemorySource.UserFeedback, Now,
            expiresAt: Now.AddDays(1));

        memory.RecordAccess(Now.AddHours(1));
        memory.RecordAccess(Now.AddHours(2));

        memory.AccessCount.ShouldBe(2);
        memory.LastAccessedAt.ShouldBe(Now.AddHours(2));
        memory.IsExpired(Now.AddHours(23)).ShouldBeFalse();
        memory.IsExpired(Now.AddDays(1)).ShouldBeTrue();
    }

    [Fact]
    public void KeepTheStrongerImportanceAndTheProvenanceWhenMerging()
    {
        var kept = new AgentMemory(Tenant, Agent, MemoryType.Fact, "Acme renews in May", 0.4, MemorySource.Conversation, Now);
        var duplicate = new AgentMemory(Tenant, Agent, MemoryType.Fact, "Acme's renewal is in May", 0.9, MemorySource.Observation, Now);
        duplicate.RecordAccess(Now);

        kept.Absorb(duplicate, $$"""{"merged":"{{duplicate.Id}}"}""");

        kept.Importance.ShouldBe(0.9);
        kept.AccessCount.ShouldBe(1);
        kept.Provenance.ShouldContain(duplicate.Id.ToString());
        Should.Throw<MemoryException>(() => kept.Absorb(
            new AgentMemory(Tenant, Guid.NewGuid(), MemoryType.Fact, "other agent", 0.5, MemorySource.Conversation, Now), "{}"));
    }

    [Fact]
    public void CopyForAnotherAgentRememberingWhereItCameFrom()
    {
        var original = new AgentMemory(Tenant, Agent, MemoryType.Procedure, "Escalate refunds over $500", 0.7, MemorySource.Training, Now);
        var other = Guid.NewGuid();

        var copy = original.CopyFor(other, Now.AddHours(1), $$"""{"sharedFrom":"{{original.Id}}"}""");

        copy.Id.ShouldNotBe(original.Id);
        copy.AgentId.ShouldBe(other);
        copy.TenantId.ShouldBe(Tenant);
        copy.Content.ShouldBe(original.Content);
        copy.Provenance.ShouldContain(original.Id.ToString());
    }

    [Fact]
    public void DecayImportanceByAFactor()
    {
        var memory = new AgentMemory(Tenant, Agent, MemoryType.Experience, "A hard call", 0.8, MemorySource.Observation, Now);

        memory.Decay(0.5);

        memory.Importance.ShouldBe(0.4);
        Should.Throw<MemoryException>(() => memory.Decay(2));
    }
}
