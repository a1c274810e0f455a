using AgentProvision.Core.Memory;

namespace AgentProvision.Tests.Memory.HotContext;

public class HotContextKeyShould
{
    private static readonly Guid Tenant = Guid.NewGuid();
    private static readonly Guid Agent = Guid.NewGuid();

    [Theory]
    [InlineData("tenant", "s-1", "needs a tenant id")]
    [InlineData("agent", "s-1", "needs an agent id")]
    [InlineData("", "", "needs a session id")]
    [InlineData("", "   ", "needs a session id")]
    [InlineData("", "has a space", "may not contain spaces or control characters")]
    [InlineData("", "line\nbreak", "may not contain spaces or control characters")]
    public void RefuseAnIncompleteOrUnsafeKey(string emptyId, string sessionId, string expected)
    {
        var error = Should.Throw<ArgumentException>(() => new HotContextKey(
            emptyId == "tenant" ? Guid.Empty : Tenant,
            emptyId == "agent" ? Guid.Empty : Agent,
            sessionId));

        error.Message.ShouldContain(expected);
    }

    [Fact]
    public void AcceptASessionIdOfAHundredCharactersButNotMore()
    {
        new HotContextKey(Tenant, Agent, new string('s', 100)).SessionId.Length.ShouldBe(100);

        Should.Throw<ArgumentException>(() => new HotContextKey(Tenant, Agent, new string('s', 101)))
            .Message.ShouldContain("at most 100 characters; this one has 101");
    }

    [Fact]
    public void EqualAnotherKeyForTheSameTenantAgentAndSession()
    {
        new HotContextKey(Tenant, Agent, "s-1").ShouldBe(new HotContextKey(Tenant, Agent, "s-1"));
        new HotContextKey(Tenant, Agent, "s-1").ShouldNotBe(new HotContextKey(Guid.NewGuid(), Agent, "s-1"));
    }
}
