using AgentProvision.Core.Memory;

namespace AgentProvision.Tests.Memory.HotContext;

public class HotContextMessageShould
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 9, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("", "needs a role")]
    [InlineData("  ", "needs a role")]
    [InlineData("a-role-name-that-goes-on-for-far-more-than-fifty-chars", "at most 50 characters")]
    public void RefuseAMissingOrOverlongRole(string role, string expected)
    {
        Should.Throw<ArgumentException>(() => new HotContextMessage(role, "hello", At)).Message.ShouldContain(expected);
    }

    [Fact]
    public void RefuseMissingContent()
    {
        Should.Throw<ArgumentNullException>(() => new HotContextMessage("user", null!, At));
    }
}
