using AgentProvision.Core.Features;
using AgentProvision.Web.Components.Features;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace AgentProvision.Tests.Features;

public sealed class FeatureGateShould : BunitContext
{
    private readonly AcmeFeatures _acme = new();

    public FeatureGateShould()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    [Fact]
    public async Task ShowThePageWhenItsFeatureIsOn()
    {
        var gate = await RenderGateAsync(FeatureSettings.Defaults);

        gate.WaitForAssertion(() => gate.Find("[data-testid=chat-page]").TextContent.ShouldBe("the chat"));
        gate.FindAll("[data-testid=not-found]").ShouldBeEmpty();
    }

    [Fact]
    public async Task ShowNotFoundInsteadOfThePageWhenItsFeatureIsOff()
    {
        var gate = await RenderGateAsync(FeatureSettings.Defaults with { ChatEnabled = false });

        gate.WaitForAssertion(() => gate.Find("[data-testid=not-found]").TextContent.ShouldContain("There is no page at this address"));
        gate.FindAll("[data-testid=chat-page]").ShouldBeEmpty();
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _acme.DisposeAsync();
    }

    private async Task<IRenderedComponent<FeatureGate>> RenderGateAsync(FeatureSettings settings)
    {
        Services.AddFallbackServiceProvider(await _acme.ScopeAsync(settings));
        return Render<FeatureGate>(p => p.Add(g => g.Feature, Feature.Chat)
            .Add(g => g.ChildContent, (RenderFragment)(b => b.AddMarkupContent(0, "<div data-testid=\"chat-page\">the chat</div>"))));
    }
}
