using AgentProvision.Core.Features;
using AgentProvision.Core.Identity;
using AgentProvision.Web.Components.Layout;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace AgentProvision.Tests.Features;

public sealed class FeatureNavigationShould : BunitContext
{
    public FeatureNavigationShould()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        AddAuthorization().SetAuthorized("Ada Acme").SetRoles(Roles.TenantAdmin);
    }

    private static readonly string[] Gated = ["/teams", "/tasks", "/approvals", "/chat", "/memory", "/knowledge", "/datasets"];

    [Fact]
    public void ShowEveryFeaturesLinkUnderTheDefaults()
    {
        Gated.ShouldBeSubsetOf(Links(FeatureSettings.Defaults));
    }

    [Theory]
    [InlineData(Feature.Chat, new[] { "/chat" })]
    [InlineData(Feature.AgentMemory, new[] { "/memory", "/knowledge" })]
    [InlineData(Feature.Datasets, new[] { "/datasets" })]
    [InlineData(Feature.AgentGroups, new[] { "/teams" })]
    [InlineData(Feature.Agents, new[] { "/teams", "/tasks", "/approvals" })]
    public void HideTheLinksOfADisabledFeatureOnly(Feature feature, string[] hidden)
    {
        var links = Links(Without(feature));

        links.ShouldNotContain(l => hidden.Contains(l));
        Gated.Except(hidden).ShouldBeSubsetOf(links);
        links.ShouldContain("/settings/features");
    }

    private List<string> Links(FeatureSettings settings)
    {
        Services.AddSingleton<ITenantFeatures>(new FixedTenantFeatures(settings));
        var nav = Render<NavMenu>();
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
