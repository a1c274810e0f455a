using AgentProvision.Core.Branding;
using AgentProvision.Core.Features;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Memory;
using AgentProvision.Core.Tenancy;
using AgentProvision.Tests.Branding;
using AgentProvision.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Features;

public sealed class StorageLimitShould : IAsyncDisposable
{
    private const string Note = "The quarterly review moved to the second Thursday of the month.";

    private readonly AppFactory _app = AppFactory.With(("Orchestration:EngineEnabled", "false"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MeasureWhatTheTenantStoresByKind()
    {
        await RememberAsync("acme");
        await RememberAsync("globex");

        var usage = await MeasureAsync("acme");

        var memories = await _app.DbAsync("acme", db => db.AgentMemories.Select(m => m.Content).ToListAsync(Ct));
        memories.ShouldBe([Note], "another tenant's memories are not counted");
        usage.Memories.ShouldBe(Note.Length + StorageUsage.VectorBytesPerMemory);
        usage.Total.ShouldBe(usage.BrandImages + usage.Memories + usage.Knowledge + usage.TasksAndMessages);
        usage.LimitBytes.ShouldBe(10L * 1024 * 1024 * 1024, "the design's default plan allows 10 GB");
    }

    [Fact]
    public async Task RefuseAMemoryThatWouldPassThePlansStorageAndKeepTheOtherTenantsRoom()
    {
        var used = (await MeasureAsync("acme")).Total;
        var room = Note.Length + StorageUsage.VectorBytesPerMemory + 100;
        await SetLimitAsync("acme", (used + room) / (1024.0 * 1024 * 1024));

        await RememberAsync("acme");
        var error = await Should.ThrowAsync<MemoryException>(() => RememberAsync("acme"));

        error.Message.ShouldStartWith("Refused: your plan allows");
        error.Message.ShouldContain("/settings/features");
        (await _app.DbAsync("acme", db => db.AgentMemories.CountAsync(m => m.Content == Note, Ct))).ShouldBe(1, "nothing of the refused memory is kept");
        await RememberAsync("globex");
    }

    [Fact]
    public async Task RefuseABrandImageWhenNoStorageIsLeft()
    {
        await SetLimitAsync("acme", 0);
        await using var scope = await _app.ScopeAsync("acme", roles: Roles.TenantAdmin);

        var error = await Should.ThrowAsync<BrandingException>(() => scope.ServiceProvider.GetRequiredService<IBrandingEditor>()
            .UploadAsync(BrandImageKind.Logo, new MemoryStream(BrandImageValidatorShould.Png), Ct));

        error.Message.ShouldStartWith("Refused: your plan allows 0 B of storage");
        Directory.Exists(Path.Combine(_app.DataPath, "branding")).ShouldBeFalse("a refused image is not written");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<StorageUsage> MeasureAsync(string tenant)
    {
        await using var scope = await _app.ScopeAsync(tenant, roles: Roles.TenantAdmin);
        return await scope.ServiceProvider.GetRequiredService<ITenantStorage>().MeasureAsync(Ct);
    }

    private async Task SetLimitAsync(string tenant, double gigabytes)
    {
        await using var platform = await _app.ScopeAsync("platform", roles: Roles.PlatformAdmin);
        var id = (await platform.ServiceProvider.GetRequiredService<ITenantStore>().GetByIdentifierAsync(tenant, Ct))!.Id;
        await platform.ServiceProvider.GetRequiredService<ITenantFeatures>()
            .UpdateAsync(id, FeatureSettings.Defaults with { StorageLimitGb = gigabytes }, Ct);
    }

    private async Task RememberAsync(string tenant)
    {
        var agent = await _app.DbAsync(tenant, db => db.Agents.Select(a => a.Id).FirstOrDefaultAsync(Ct));
        if (agent == Guid.Empty)
        {
            agent = await _app.AddAgentAsync(tenant, "Archivist");
        }

        await using var scope = await _app.ScopeAsync(tenant, roles: Roles.TenantAdmin);
        await scope.ServiceProvider.GetRequiredService<IMemoryService>().RememberAsync(new RememberInput(agent, Note), Ct);
    }
}
