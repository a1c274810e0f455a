using AgentProvision.Core.Features;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;
using AgentProvision.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Features;

/// <summary>
/// The real host with acme's features set by a platform admin through the real service, and a scope of acme for a
/// component to render in (bUnit's fallback provider). Dispose it after the component.
/// </summary>
internal sealed class AcmeFeatures : IAsyncDisposable
{
    private readonly AppFactory _app = AppFactory.With(("Orchestration:EngineEnabled", "false"));
    private AsyncServiceScope? _scope;

    public async Task<IServiceProvider> ScopeAsync(FeatureSettings settings, string role = Roles.TenantAdmin)
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        var acme = await _app.Services.GetRequiredService<ITenantStore>().GetByIdentifierAsync("acme", ct);
        await using (var platform = await _app.ScopeAsync("platform", roles: Roles.PlatformAdmin))
        {
            await platform.ServiceProvider.GetRequiredService<ITenantFeatures>().UpdateAsync(acme!.Id, settings, ct);
        }

        _scope = await _app.ScopeAsync("acme", roles: role);
        return _scope.Value.ServiceProvider;
    }

    public async ValueTask DisposeAsync()
    {
        if (_scope is { } scope)
        {
            await scope.DisposeAsync();
        }

        await _app.DisposeAsync();
    }
}
