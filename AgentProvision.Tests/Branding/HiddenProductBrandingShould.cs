using AgentProvision.Core.Branding;
using AgentProvision.Web.Components.Layout;
using Bunit;
using Microsoft.AspNetCore.Components;
using Shouldly;

namespace AgentProvision.Tests.Branding;

public sealed class HiddenProductBrandingShould : BunitContext
{
    [Fact]
    public void LeaveOurNameAndLogoOffTheSignInPage()
    {
        var page = RenderAuthLayout(Brand(hide: true));

        page.FindAll("[data-testid=brand-logo]").ShouldBeEmpty();
        page.Markup.ShouldNotContain("AgentProvision");
        page.Markup.ShouldNotContain("/brand/platform/");
        page.Find("[data-testid=brand-name]").TextContent.ShouldBe("Acme Corporation");
    }

    [Fact]
    public void ShowThemByDefault()
    {
        var page = RenderAuthLayout(Brand(hide: false));

        page.Find("[data-testid=brand-logo]").GetAttribute("src").ShouldBe("/brand/platform/logo.svg");
        page.Markup.ShouldContain("Powered by AgentProvision");
    }

    [Theory]
    [InlineData(true, "Agents · Acme Corporation")]
    [InlineData(false, "Agents · Acme Corporation · AgentProvision")]
    public void TitleEveryPageWithOurNameOnlyWhenShown(bool hide, string title) =>
        Brand(hide).Title("Agents").ShouldBe(title);

    private IRenderedComponent<CascadingValue<BrandView>> RenderAuthLayout(BrandView brand) =>
        Render<CascadingValue<BrandView>>(b => b
            .Add(p => p.Value, brand)
            .AddChildContent<AuthLayout>(l => l.Add(p => p.Body, (RenderFragment)(builder => builder.AddContent(0, "sign in")))));

    private static BrandView Brand(bool hide) => new(Guid.NewGuid(), "Acme Corporation", null, null, null, "#3F51B5", "#1D4ED8",
        "#0E7490", "#FFFFFF", "#FFFFFF", "Roadrunner", null, hide);
}
