namespace AgentProvision.Tests.Memory.HotContext;

/// <summary>A clock that stands still until the test moves it, so a TTL can pass without waiting for it.</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
