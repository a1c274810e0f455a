using AgentProvision.Core.Memory;
using AgentProvision.Infrastructure.Memory.HotContext;
using Microsoft.Extensions.Options;

namespace AgentProvision.Tests.Memory.HotContext;

public class InProcessHotContextStoreShould : HotContextStoreContract
{
    private readonly ManualClock _clock = new();

    protected override IHotContextStore CreateStore(HotContextOptions options) =>
        new InProcessHotContextStore(Options.Create(options), _clock);

    protected override Task PassTimeAsync(HotContextKey key, TimeSpan elapsed)
    {
        _clock.Advance(elapsed);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task StayConsistentUnderConcurrentWriters()
    {
        var store = Store(maxMessages: 5);
        var key = NewKey();

        await Parallel.ForAsync(0, 200, Ct, async (i, ct) => await store.AppendAsync(key, Message($"m{i}"), ct));

        (await store.RecentAsync(key, Ct)).Count.ShouldBe(5);
    }
}
