using AgentProvision.Core.Features;
using AgentProvision.Core.Identity;
using AgentProvision.Web.Components.Layout;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace AgentProvision.Tests.Features;

public sealed class FeatureNavigationShould : BunitContext
{
    private readonly AcmeFeatures _acme = new();

    public FeatureNavigationShould()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        AddAuthorization().SetAuthorized("Ada Acme").SetRoles(Roles.TenantAdmin);
    }

    private static readonly string[] Gated = ["/teams", "/tasks", "/approvals", "/chat", "/memory", "/knowledge", "/datasets"];

    [Fact]
    public async Task ShowEveryFeaturesLinkUnderTheDefaults()
    {
        Gated.ShouldBeSubsetOf(await LinksAsync(FeatureSettings.Defaults));
    }

    [Theory]
    [InlineData(Feature.Chat, new[] { "/chat" })]
    [InlineData(Feature.AgentMemory, new[] { "/memory", "/knowledge" })]
    [InlineData(Feature.Datasets, new[] { "/datasets" })]
    [InlineData(Feature.AgentGroups, new[] { "/teams" })]
    [InlineData(Feature.Agents, new[] { "/teams", "/tasks", "/approvals" })]
    public async Task HideTheLinksOfADisabledFeatureOnly(Feature feature, string[] hidden)
    {
        var links = await LinksAsync(Without(feature));

        links.ShouldNotContain(l => hidden.Contains(l));
        Gated.Except(hidden).ShouldBeSubsetOf(links);
        links.ShouldContain("/settings/features");
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _acme.DisposeAsync();
    }

    private async Task<List<string>> LinksAsync(FeatureSettings settings)
    {
        Services.AddFallbackServiceProvider(await _acme.ScopeAsync(settings));
        var nav = Render<NavMenu>();
        nav.WaitForAssertion(() => nav.FindAll("a[href]").ShouldContain(a => a.GetAttribute("href") == "/settings/features"));
        return nav.FindAll("a[href]").Select(a => a.GetAttribute("href")!).ToList();
    }

    private static FeatureSettings Without(Feature feature) => feature switch
    {
        Feature.Chat => FeatureSettings.Defaults with { ChatEnabled = false },
        Feature.AgentMemory => FeatureSettings.Defaults with { AgentMemoryEnabled = false },
        Feature.Datasets => FeatureSettings.Defaults with { DatasetsEnabled = false },
        Feature.AgentGroups => FeatureSettings.Defaults with { AgentGroupsEnabled = false },
        Feature.Agents => FeatureSettings.Defaults with { AgentsEnabled = false },
        _ => throw new ArgumentOutOfRangeException(nameof(feature)),
    };
}
