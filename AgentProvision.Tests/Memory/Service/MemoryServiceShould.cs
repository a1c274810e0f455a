using AgentProvision.Core.Audit;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Memory;
using AgentProvision.Tests.Support;
using AgentProvision.Tests.Support.Orchestration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Memory.Service;

public sealed class MemoryServiceShould : IAsyncLifetime
{
    private readonly ShiftedClock _clock = new();
    private AppFactory _app = default!;
    private MemoryWorld _world = default!;

    public async ValueTask InitializeAsync()
    {
        _app = AppFactory.With().WithServices(services => services.AddSingleton<TimeProvider>(_clock));
        _world = await MemoryWorld.StartAsync(_app);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task RecallTheRightMemoryFirstForAParaphrase()
    {
        await _world.RememberAsync(_world.Mira, "The customer Contoso renews its contract every March.");
        await _world.RememberAsync(_world.Mira, "Our office coffee machine is broken again.");
        await _world.RememberAsync(_world.Mira, "Fabrikam prefers to be contacted by email rather than phone.");

        var result = await _world.RecallAsync(_world.Mira, "How does Fabrikam like to be reached?");

        result.Memories[0].Memory.Content.ShouldStartWith("Fabrikam prefers");
        result.Searched.ShouldBe(3);
        var score = result.Memories[0].Score;
        score.Similarity.ShouldBeGreaterThan(result.Memories[1].Score.Similarity);
        score.Total.ShouldBeGreaterThan(result.Memories[1].Score.Total);
        score.Lexical.ShouldBe(1.0, "Fabrikam is the best keyword match");
        score.Importance.ShouldBe(0.5);
        score.Recency.ShouldBe(1.0, 0.01);
    }

    [Fact]
    public async Task CountEachRecalledMemoryAndLogTheRecall()
    {
        var fact = await _world.RememberAsync(_world.Mira, "Contoso's renewal is due in March.");
        await _world.RememberAsync(_world.Mira, "Paint the fence blue.");

        _clock.Advance(TimeSpan.FromMinutes(5));
        await _world.RecallAsync(_world.Mira, "When does Contoso renew?", limit: 1, purpose: RecallPurpose.Agent);
        var again = await _world.RecallAsync(_world.Mira, "Contoso renewal month", limit: 1);

        again.Memories.ShouldHaveSingleItem().Memory.Id.ShouldBe(fact.Id);
        again.Memories[0].Memory.AccessCount.ShouldBe(2);
        var stored = await _world.DbAsync("acme", db => db.AgentMemories.SingleAsync(m => m.Id == fact.Id));
        stored.AccessCount.ShouldBe(2);
        stored.LastAccessedAt.ShouldNotBeNull().ShouldBeGreaterThan(stored.CreatedAt);
        var recalls = await _world.DbAsync("acme", db => db.MemoryRecalls.OrderBy(r => r.At).ToListAsync());
        recalls.Count.ShouldBe(2);
        recalls[0].Purpose.ShouldBe(RecallPurpose.Agent);
        recalls[0].TokensInjected.ShouldBeInRange(6, 12, "o200k tokens of the one memory given to the agent");
        recalls[1].TokensInjected.ShouldBe(0, "the playground puts nothing into a prompt");
    }

    [Fact]
    public async Task LeaveExpiredMemoriesOutOfRecallUnlessAskedFor()
    {
        var soon = _clock.GetUtcNow().AddHours(1);
        await _world.RememberAsync(_world.Mira, "The discount code SPRING24 is valid this week.", expiresAt: soon);
        await _world.RememberAsync(_world.Mira, "Discounts need a manager's approval.");

        (await _world.RecallAsync(_world.Mira, "discount code")).Memories.Count.ShouldBe(2);
        _clock.Advance(TimeSpan.FromHours(2));

        var now = await _world.RecallAsync(_world.Mira, "discount code");
        now.Memories.ShouldHaveSingleItem().Memory.Content.ShouldStartWith("Discounts need");
        var all = await _world.RecallAsync(_world.Mira, "discount code", filter: new MemoryFilter(IncludeExpired: true));
        all.Memories.Count.ShouldBe(2);
    }

    [Fact]
    public async Task FilterRecallByTypeEvenWhenOtherTypesMatchBetter()
    {
        for (var i = 0; i < 12; i++)
        {
            await _world.RememberAsync(_world.Mira, $"Invoice {1000 + i} for Contoso was paid on time.");
        }

        await _world.RememberAsync(_world.Mira, "Always send Contoso invoices as PDF.", MemoryType.Preference);

        var result = await _world.RecallAsync(_world.Mira, "Contoso invoice", filter: new MemoryFilter(Types: [MemoryType.Preference]));

        result.Memories.ShouldHaveSingleItem().Memory.Type.ShouldBe(MemoryType.Preference);
    }

    [Fact]
    public async Task ReadAMemoryWithTheOneBeforeItInItsThread()
    {
        await _world.RememberAsync(_world.Mira, "Sam: What did you spend last weekend researching?", thread: "chat-1");
        await _world.RememberAsync(_world.Mira, "Mira: Mostly adoption agencies, honestly.", thread: "chat-1");
        await _world.RememberAsync(_world.Mira, "Sam: The weather was lovely on Sunday.", thread: "chat-2");
        await _world.RememberAsync(_world.Mira, "Mira: I baked bread on Saturday.", thread: "chat-2");

        var result = await _world.RecallAsync(_world.Mira, "What did Mira research?", limit: 2);

        result.Memories.Select(m => m.Memory.Thread).ShouldAllBe(thread => thread == "chat-1");
        result.Memories.ShouldContain(m => m.Memory.Content.Contains("adoption agencies"));
        result.Memories.ShouldContain(m => m.Score.Neighbour > 0);
    }

    [Fact]
    public async Task ForgetAMemorySoRecallNeverReturnsItAgain()
    {
        var secret = await _world.RememberAsync(_world.Mira, "The vault code is written on the blue card.");
        await _world.RememberAsync(_world.Mira, "Lunch is at noon.");

        (await _world.AsAsync("acme", memory => memory.ForgetAsync(_world.Mira, secret.Id))).ShouldBeTrue();
        (await _world.AsAsync("acme", memory => memory.ForgetAsync(_world.Mira, secret.Id))).ShouldBeFalse();

        var result = await _world.RecallAsync(_world.Mira, "vault code");
        result.Memories.ShouldNotContain(m => m.Memory.Id == secret.Id);
        result.Searched.ShouldBe(1);
        var audit = await _world.AuditAsync("acme", AuditActions.MemoryForgotten);
        audit.ShouldHaveSingleItem().Details.ShouldBe("The vault code is written on the blue card.");
    }

    [Fact]
    public async Task LeaveNoTraceOfAForgottenMemoryInTheNextOneOfItsThread()
    {
        await _world.RememberAsync(_world.Mira, "Sam: Which agency did you call?", thread: "chat");
        var secret = await _world.RememberAsync(_world.Mira, "Mira: Zanzibar Quokka Holdings, on Monday.", thread: "chat");
        var next = await _world.RememberAsync(_world.Mira, "Sam: Great, thanks for checking.", thread: "chat");
        var before = await _world.RecallAsync(_world.Mira, "Zanzibar Quokka");
        before.Memories.Single(m => m.Memory.Id == next.Id).Score.Lexical.ShouldBeGreaterThan(0, "it is read with the memory before it");

        await _world.AsAsync("acme", memory => memory.ForgetAsync(_world.Mira, secret.Id));

        var after = await _world.RecallAsync(_world.Mira, "Zanzibar Quokka");
        after.Memories.Single(m => m.Memory.Id == next.Id).Score.Lexical.ShouldBe(0);
        after.Memories.Single(m => m.Memory.Id == next.Id).Score.Similarity
            .ShouldBeLessThan(before.Memories.Single(m => m.Memory.Id == next.Id).Score.Similarity, "it was embedded again without the forgotten text");
    }

    [Fact]
    public async Task ConsolidateMergesNearDuplicatesKeepingProvenanceAndPrunesTheExpired()
    {
        var kept = await _world.RememberAsync(_world.Mira, "Fabrikam prefers email over phone calls.", importance: 0.9);
        var duplicate = await _world.RememberAsync(_world.Mira, "Fabrikam prefers e-mail over phone calls.", importance: 0.4);
        var same = await _world.RememberAsync(_world.Mira, "fabrikam prefers email over phone calls.", importance: 0.3);
        var expiring = await _world.RememberAsync(_world.Mira, "Today's stand-up moved to 10:30.", expiresAt: _clock.GetUtcNow().AddHours(1));
        var other = await _world.RememberAsync(_world.Mira, "Contoso's renewal is in March.", importance: 0.5);
        _clock.Advance(TimeSpan.FromDays(60));

        var steps = new List<ConsolidationProgress>();
        var report = await _world.AsAsync("acme", memory => memory.ConsolidateAsync(_world.Mira, new SynchronousProgress(steps)));

        report.Examined.ShouldBe(5);
        report.Merges.Select(m => m.MergedId).ShouldBe([duplicate.Id, same.Id], ignoreOrder: true);
        report.Merges.ShouldAllBe(m => m.KeptId == kept.Id);
        report.Pruned.ShouldHaveSingleItem().MemoryId.ShouldBe(expiring.Id);
        report.Decayed.ShouldBe(2, "the two survivors went 60 days without a recall");
        steps.ShouldContain(s => s.Stage == "Done");

        var survivor = await _world.AsAsync("acme", memory => memory.GetAsync(_world.Mira, kept.Id));
        survivor.ShouldNotBeNull();
        survivor.Importance.ShouldBe(0.45, 0.01, "0.9 halved by one decay half-life of 60 days");
        survivor.Provenance.Select(p => (p.Kind, p.MemoryId)).ShouldBe([("merged", duplicate.Id), ("merged", same.Id)], ignoreOrder: true);
        (await _world.AsAsync("acme", memory => memory.GetAsync(_world.Mira, other.Id))).ShouldNotBeNull().Importance.ShouldBe(0.25, 0.01);
        var recall = await _world.RecallAsync(_world.Mira, "How should we contact Fabrikam?");
        recall.Memories.Select(m => m.Memory.Id).ShouldBe([kept.Id, other.Id]);
    }

    [Fact]
    public async Task ConsolidateTwiceWithoutDecayingTwice()
    {
        await _world.RememberAsync(_world.Mira, "Contoso's renewal is in March.", importance: 0.8);
        _clock.Advance(TimeSpan.FromDays(60));
        await _world.AsAsync("acme", memory => memory.ConsolidateAsync(_world.Mira));
        var second = await _world.AsAsync("acme", memory => memory.ConsolidateAsync(_world.Mira));

        second.Decayed.ShouldBe(0);
        var stored = await _world.DbAsync("acme", db => db.AgentMemories.SingleAsync());
        stored.Importance.ShouldBe(0.4, 0.01);
    }

    [Fact]
    public async Task ShareCopiesWithProvenanceOnceAndIntoTheTargetsRecall()
    {
        var fact = await _world.RememberAsync(_world.Mira, "Fabrikam's CFO is Dana Lee.");

        var first = await _world.AsAsync("acme", memory => memory.ShareAsync(_world.Mira, _world.Sam, [fact.Id]));
        var second = await _world.AsAsync("acme", memory => memory.ShareAsync(_world.Mira, _world.Sam, [fact.Id]));

        first.CopiedIds.Count.ShouldBe(1);
        second.CopiedIds.ShouldBeEmpty();
        second.AlreadyShared.ShouldBe(1);
        var recalled = (await _world.RecallAsync(_world.Sam, "Who is Fabrikam's chief financial officer?")).Memories.ShouldHaveSingleItem();
        recalled.Memory.Id.ShouldBe(first.CopiedIds[0]);
        recalled.Memory.Provenance.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            origin => origin.Kind.ShouldBe("shared"), origin => origin.MemoryId.ShouldBe(fact.Id), origin => origin.AgentId.ShouldBe(_world.Mira));
    }

    [Fact]
    public async Task NeverShareOrRecallAcrossTenants()
    {
        var fact = await _world.RememberAsync(_world.Mira, "Acme's launch date is secret: 12 May.");
        await _world.RememberAsync(_world.Gus, "Globex launches in June.", tenant: "globex");

        await Should.ThrowAsync<MemoryException>(() => _world.AsAsync("acme", memory => memory.ShareAsync(_world.Mira, _world.Gus, [fact.Id])));
        await Should.ThrowAsync<MemoryException>(() => _world.AsAsync("globex", memory => memory.ShareAsync(_world.Mira, _world.Gus, [fact.Id])));
        await Should.ThrowAsync<MemoryException>(() => _world.RecallAsync(_world.Mira, "launch date", tenant: "globex"));
        (await _world.AsAsync("globex", memory => memory.ForgetAsync(_world.Mira, fact.Id))).ShouldBeFalse();
        (await _world.AsAsync("globex", memory => memory.GetAsync(_world.Mira, fact.Id))).ShouldBeNull();

        var globex = await _world.RecallAsync(_world.Gus, "launch date", tenant: "globex");
        globex.Memories.ShouldHaveSingleItem().Memory.Content.ShouldStartWith("Globex");
    }

    [Fact]
    public async Task RefuseBadInputWithAClearMessage()
    {
        (await Should.ThrowAsync<MemoryException>(() => _world.RememberAsync(_world.Mira, "  "))).Message.ShouldContain("1 to 8,000 characters");
        (await Should.ThrowAsync<MemoryException>(() => _world.RememberAsync(_world.Mira, "x", importance: 1.5))).Message.ShouldContain("between 0 and 1");
        (await Should.ThrowAsync<MemoryException>(() => _world.RememberAsync(Guid.NewGuid(), "x"))).Message.ShouldContain("not an agent");
        (await Should.ThrowAsync<MemoryException>(() => _world.RecallAsync(_world.Mira, ""))).Message.ShouldContain("1 to 2,000 characters");
        (await Should.ThrowAsync<MemoryException>(() => _world.RecallAsync(_world.Mira, "x", limit: 0))).Message.ShouldContain("1 to 50");
        (await Should.ThrowAsync<MemoryException>(() => _world.AsAsync("acme", m => m.RememberAsync(new RememberInput(_world.Mira, "x")), Roles.Viewer)))
            .Message.ShouldContain("operators and admins");
        (await _world.DbAsync("acme", db => db.AgentMemories.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task ReportMemoryQualityFromRealRecalls()
    {
        await _world.RememberAsync(_world.Mira, "Fabrikam prefers email over phone calls.");
        await _world.RememberAsync(_world.Mira, "Fabrikam prefers e-mail over phone calls.");
        await _world.RememberAsync(_world.Mira, "Contoso's renewal is in March.");
        await _world.RememberAsync(_world.Mira, "The office closes at six.");
        await _world.RecallAsync(_world.Mira, "When is the Contoso renewal?", limit: 1, purpose: RecallPurpose.Agent);

        var quality = await _world.AsAsync("acme", memory => memory.QualityAsync(_world.Mira));

        quality.Memories.ShouldBe(4);
        quality.DuplicateSample.ShouldBe(4);
        quality.DuplicateRate.ShouldBe(0.5, "each of the two e-mail memories has the other as a near-duplicate");
        quality.NeverRecalledShare.ShouldBe(0.75);
        quality.Recalls.ShouldBe(1);
        quality.TokensInjected.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task RedactPersonalDataBeforeAHealthcareTenantStoresIt()
    {
        await _world.DbAsync("acme", async db =>
        {
            (await db.TenantBrandings.SingleAsync()).SetIndustry("healthcare", """{"regimes":["hipaa"],"autoRedactPii":true}""");
            return await db.SaveChangesAsync();
        });

        var stored = await _world.RememberAsync(_world.Mira, "Patient MRN: 00123456, e-mail jo@example.com, prefers morning calls.");
        var other = await _world.RememberAsync(_world.Gus, "Write to gus@example.com on Mondays.", tenant: "globex");

        stored.Content.ShouldBe("Patient MRN: [MRN], e-mail [EMAIL], prefers morning calls.");
        (await _world.DbAsync("acme", db => db.AgentMemories.SingleAsync())).Content.ShouldNotContain("jo@example.com");
        other.Content.ShouldContain("gus@example.com", Case.Sensitive, "a tenant without auto-redaction keeps its text");
    }

    [Fact]
    public async Task KeepRecallWorkingAfterARestart()
    {
        await _world.RememberAsync(_world.Mira, "Fabrikam prefers email over phone calls.");
        await _world.RememberAsync(_world.Mira, "Contoso's renewal is in March.");
        var before = await _world.RecallAsync(_world.Mira, "Contoso renewal", limit: 2);

        await using var restarted = AppFactory.With(("Storage:DataPath", _app.DataPath));
        var world = new MemoryWorld(restarted);
        var after = await world.RecallAsync(_world.Mira, "Contoso renewal", limit: 2);

        after.Memories.Select(m => m.Memory.Id).ShouldBe(before.Memories.Select(m => m.Memory.Id));
        after.Memories[0].Score.Similarity.ShouldBe(before.Memories[0].Score.Similarity, 1e-5);
    }

    private sealed class SynchronousProgress(List<ConsolidationProgress> steps) : IProgress<ConsolidationProgress>
    {
        public void Report(ConsolidationProgress value) => steps.Add(value);
    }
}
