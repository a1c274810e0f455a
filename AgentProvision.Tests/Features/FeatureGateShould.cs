using AgentProvision.Core.Features;
using AgentProvision.Web.Components.Features;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace AgentProvision.Tests.Features;

public sealed class FeatureGateShould : BunitContext
{
    public FeatureGateShould()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    [Fact]
    public void ShowThePageWhenItsFeatureIsOn()
    {
        var gate = RenderGate(FeatureSettings.Defaults);

        gate.Find("[data-testid=chat-page]").TextContent.ShouldBe("the chat");
        gate.FindAll("[data-testid=not-found]").ShouldBeEmpty();
    }

    [Fact]
    public void ShowNotFoundInsteadOfThePageWhenItsFeatureIsOff()
    {
        var gate = RenderGate(FeatureSettings.Defaults with { ChatEnabled = false });

        gate.Find("[data-testid=not-found]").TextContent.ShouldContain("There is no page at this address");
        gate.FindAll("[data-testid=chat-page]").ShouldBeEmpty();
    }

    private IRenderedComponent<FeatureGate> RenderGate(FeatureSettings settings)
    {
        Services.AddSingleton<ITenantFeatures>(new FixedTenantFeatures(settings));
        return Render<FeatureGate>(p => p.Add(g => g.Feature, Feature.Chat)
            .Add(g => g.ChildContent, (RenderFragment)(b => b.AddMarkupContent(0, "<div data-testid=\"chat-page\">the chat</div>"))));
    }
}
