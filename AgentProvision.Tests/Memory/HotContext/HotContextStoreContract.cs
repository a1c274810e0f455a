using AgentProvision.Core.Memory;

namespace AgentProvision.Tests.Memory.HotContext;

/// <summary>
/// What every <see cref="IHotContextStore"/> does. Each implementation runs these through a small derived class that says
/// how to build it and how to let time pass for it.
/// </summary>
public abstract class HotContextStoreContract
{
    protected static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract IHotContextStore CreateStore(HotContextOptions options);

    /// <summary>Makes <paramref name="elapsed"/> pass for the session's context, as far as the store can tell.</summary>
    protected abstract Task PassTimeAsync(HotContextKey key, TimeSpan elapsed);

    protected IHotContextStore Store(int maxMessages = 10, int maxMessageLength = 16_000, int maxTaskContextLength = 64_000) =>
        CreateStore(new HotContextOptions
        {
            MaxMessages = maxMessages,
            Ttl = Hour,
            MaxMessageLength = maxMessageLength,
            MaxTaskContextLength = maxTaskContextLength,
        });

    // Unique per test, so runs against one shared Redis never meet.
    protected static HotContextKey NewKey() => new(Guid.NewGuid(), Guid.NewGuid(), $"session-{Guid.NewGuid():N}");

    protected static HotContextMessage Message(string content, string role = "user") =>
        new(role, content, new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.Zero));

    private static async Task<string[]> ContentsAsync(IHotContextStore store, HotContextKey key) =>
        [.. (await store.RecentAsync(key, Ct)).Select(m => m.Content)];

    [Fact]
    public async Task ReturnNothingForASessionNeverWritten()
    {
        var store = Store();

        (await store.RecentAsync(NewKey(), Ct)).ShouldBeEmpty();
        (await store.GetAsync(NewKey(), Ct)).ShouldBe(HotContextSnapshot.Empty);
    }

    [Fact]
    public async Task KeepOnlyTheLastMessagesOldestFirst()
    {
        var store = Store(maxMessages: 3);
        var key = NewKey();

        foreach (var content in new[] { "one", "two", "three", "four", "five" })
        {
            await store.AppendAsync(key, Message(content), Ct);
        }

        (await ContentsAsync(store, key)).ShouldBe(["three", "four", "five"]);
    }

    [Fact]
    public async Task KeepEveryFieldOfAMessage()
    {
        var store = Store();
        var key = NewKey();
        var message = new HotContextMessage("Researcher", "Found three competitors: \"A\", B and C.", new DateTimeOffset(2026, 11, 24, 9, 31, 7, TimeSpan.FromHours(1)));

        await store.AppendAsync(key, message, Ct);

        (await store.RecentAsync(key, Ct)).ShouldBe([message]);
    }

    [Fact]
    public async Task RoundTripTheTaskContextAndReplaceItOnTheNextSet()
    {
        var store = Store();
        var key = NewKey();

        await store.SetTaskContextAsync(key, """{"goal":"Map the market","step":1}""", Ct);
        (await store.GetAsync(key, Ct)).TaskContextJson.ShouldBe("""{"goal":"Map the market","step":1}""");

        await store.SetTaskContextAsync(key, """{"goal":"Map the market","step":2}""", Ct);
        (await store.GetAsync(key, Ct)).TaskContextJson.ShouldBe("""{"goal":"Map the market","step":2}""");
    }

    [Fact]
    public async Task ReturnMessagesAndTaskContextTogether()
    {
        var store = Store();
        var key = NewKey();

        await store.AppendAsync(key, Message("hello"), Ct);
        await store.SetTaskContextAsync(key, """{"task":"t-1"}""", Ct);
        var snapshot = await store.GetAsync(key, Ct);

        snapshot.Messages.Select(m => m.Content).ShouldBe(["hello"]);
        snapshot.TaskContextJson.ShouldBe("""{"task":"t-1"}""");
    }

    [Fact]
    public async Task KeepTheContextUntilTheTtlHasPassed()
    {
        var store = Store();
        var key = NewKey();
        await store.AppendAsync(key, Message("hello"), Ct);
        await store.SetTaskContextAsync(key, "{}", Ct);

        await PassTimeAsync(key, Hour - TimeSpan.FromSeconds(1));

        (await store.GetAsync(key, Ct)).ShouldSatisfyAllConditions(
            s => s.Messages.Count.ShouldBe(1),
            s => s.TaskContextJson.ShouldBe("{}"));
    }

    [Fact]
    public async Task ForgetEverythingOnceTheTtlHasPassed()
    {
        var store = Store();
        var key = NewKey();
        await store.AppendAsync(key, Message("hello"), Ct);
        await store.SetTaskContextAsync(key, "{}", Ct);

        await PassTimeAsync(key, Hour);

        (await store.GetAsync(key, Ct)).ShouldBe(HotContextSnapshot.Empty);
        (await store.RecentAsync(key, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task RefreshTheTtlOnEveryAppend()
    {
        var store = Store();
        var key = NewKey();
        await store.AppendAsync(key, Message("first"), Ct);
        await PassTimeAsync(key, TimeSpan.FromMinutes(40));
        await store.AppendAsync(key, Message("second"), Ct);

        await PassTimeAsync(key, TimeSpan.FromMinutes(40));
        (await ContentsAsync(store, key)).ShouldBe(["first", "second"]);

        await PassTimeAsync(key, TimeSpan.FromMinutes(21));
        (await ContentsAsync(store, key)).ShouldBeEmpty();
    }

    [Fact]
    public async Task RefreshTheWholeSessionWhenTheTaskContextChanges()
    {
        var store = Store();
        var key = NewKey();
        await store.AppendAsync(key, Message("first"), Ct);
        await PassTimeAsync(key, TimeSpan.FromMinutes(40));
        await store.SetTaskContextAsync(key, """{"step":2}""", Ct);

        await PassTimeAsync(key, TimeSpan.FromMinutes(40));
        var snapshot = await store.GetAsync(key, Ct);
        snapshot.Messages.Select(m => m.Content).ShouldBe(["first"]);
        snapshot.TaskContextJson.ShouldBe("""{"step":2}""");

        await PassTimeAsync(key, TimeSpan.FromMinutes(21));
        (await store.GetAsync(key, Ct)).ShouldBe(HotContextSnapshot.Empty);
    }

    [Fact]
    public async Task NotExtendTheTtlWhenRead()
    {
        var store = Store();
        var key = NewKey();
        await store.AppendAsync(key, Message("hello"), Ct);
        await PassTimeAsync(key, TimeSpan.FromMinutes(40));
        await store.GetAsync(key, Ct);
        await store.RecentAsync(key, Ct);

        await PassTimeAsync(key, TimeSpan.FromMinutes(20));

        (await store.GetAsync(key, Ct)).ShouldBe(HotContextSnapshot.Empty);
    }

    [Theory]
    [InlineData("tenant")]
    [InlineData("agent")]
    [InlineData("session")]
    public async Task IsolateSessionsThatDifferOnlyBy(string part)
    {
        var store = Store();
        var key = NewKey();
        var other = part switch
        {
            "tenant" => new HotContextKey(Guid.NewGuid(), key.AgentId, key.SessionId),
            "agent" => new HotContextKey(key.TenantId, Guid.NewGuid(), key.SessionId),
            _ => new HotContextKey(key.TenantId, key.AgentId, key.SessionId + "-other"),
        };
        await store.AppendAsync(key, Message("mine"), Ct);
        await store.SetTaskContextAsync(key, """{"mine":true}""", Ct);

        (await store.GetAsync(other, Ct)).ShouldBe(HotContextSnapshot.Empty);

        await store.AppendAsync(other, Message("theirs"), Ct);
        await store.ClearAsync(other, Ct);
        var mine = await store.GetAsync(key, Ct);
        mine.Messages.Select(m => m.Content).ShouldBe(["mine"]);
        mine.TaskContextJson.ShouldBe("""{"mine":true}""");
    }

    [Fact]
    public async Task ClearOneSessionAndStartItAfresh()
    {
        var store = Store();
        var key = NewKey();
        await store.AppendAsync(key, Message("old"), Ct);
        await store.SetTaskContextAsync(key, "{}", Ct);

        await store.ClearAsync(key, Ct);
        (await store.GetAsync(key, Ct)).ShouldBe(HotContextSnapshot.Empty);

        await store.AppendAsync(key, Message("new"), Ct);
        var snapshot = await store.GetAsync(key, Ct);
        snapshot.Messages.Select(m => m.Content).ShouldBe(["new"]);
        snapshot.TaskContextJson.ShouldBeNull();
    }

    [Fact]
    public async Task RefuseAMessageLongerThanTheLimitAndKeepNothingOfIt()
    {
        var store = Store(maxMessageLength: 20);
        var key = NewKey();

        await store.AppendAsync(key, Message(new string('a', 20)), Ct);
        var error = await Should.ThrowAsync<ArgumentException>(() => store.AppendAsync(key, Message(new string('a', 21)), Ct));

        error.Message.ShouldContain("at most 20 characters; this one has 21");
        (await store.RecentAsync(key, Ct)).Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("not json", "must be a JSON document")]
    [InlineData("{\"open\":", "must be a JSON document")]
    [InlineData("", "must be a JSON document")]
    [InlineData("""{"text":"longer than thirty characters"}""", "at most 30 characters")]
    public async Task RefuseATaskContextThatIsNotJsonOrTooLong(string taskContextJson, string expected)
    {
        var store = Store(maxTaskContextLength: 30);
        var key = NewKey();

        var error = await Should.ThrowAsync<ArgumentException>(() => store.SetTaskContextAsync(key, taskContextJson, Ct));

        error.Message.ShouldContain(expected);
        (await store.GetAsync(key, Ct)).ShouldBe(HotContextSnapshot.Empty);
    }
}
