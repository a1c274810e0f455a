using System.Security.Claims;
using AgentProvision.Core.Branding;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Branding;
using EditorPage = AgentProvision.Web.Components.Pages.Branding.BrandingEditor;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using NSubstitute;
using Shouldly;

namespace AgentProvision.Tests.Branding;

public sealed class BrandingEditorPageShould : BunitContext
{
    private static readonly TenantInfo Acme = new(Guid.NewGuid(), "acme", "Acme Corporation", TenantState.Active, false, null, []);
    private readonly IBrandingEditor _editor = Substitute.For<IBrandingEditor>();

    public BrandingEditorPageShould()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(_editor);
        Services.AddSingleton(Options.Create(new BrandingOptions()));
        AddAuthorization().SetAuthorized("Ada Acme").SetRoles(Roles.TenantAdmin);
        _editor.GetAsync(Arg.Any<CancellationToken>()).Returns(new BrandingDraft("Acme Corporation", null, null, null, null,
            "#3F51B5", "#1D4ED8", "#0E7490", "#FFFFFF", "#FFFFFF", "Roadrunner", null));
        _editor.SaveAsync(Arg.Any<BrandingDraft>(), Arg.Any<CancellationToken>())
            .Returns(c => c.Arg<BrandingDraft>().Preview(Acme.Id, false));
    }

    [Fact]
    public void PassEveryContrastCheckForAReadableBrand()
    {
        var page = RenderEditor();

        page.WaitForAssertion(() => page.FindAll("[data-testid=contrast-ok]").Count.ShouldBe(6));
        page.FindAll("[data-testid=contrast-warning]").ShouldBeEmpty();
    }

    [Fact]
    public void WarnWhenAColourFallsBelowWcagAa()
    {
        var page = RenderEditor();
        page.WaitForAssertion(() => page.Find("[data-testid=contrast-checks]"));

        ColourInput(page, "primary").Input("#FFEB3B");

        var warnings = page.FindAll("[data-testid=contrast-warning]").Select(w => w.TextContent).ToList();
        warnings.ShouldContain(w => w.Contains("App bar text on the primary colour") && w.Contains("1.2:1") && w.Contains("below WCAG AA (4.5:1)"));
        page.Find("[data-testid=brand-preview-light]").GetAttribute("style").ShouldNotBeNull();
        page.Markup.ShouldContain("background:#FFEB3B");
    }

    [Fact]
    public void SaveTheEditedBrand()
    {
        var page = RenderEditor();
        page.WaitForAssertion(() => page.Find("[data-testid=branding-save]"));

        ColourInput(page, "primary").Input("#15803D");
        page.Find("[data-testid=branding-save]").Click();

        page.WaitForAssertion(() => _editor.Received(1).SaveAsync(
            Arg.Is<BrandingDraft>(d => d.PrimaryColor == "#15803D" && d.CompanyName == "Acme Corporation"), Arg.Any<CancellationToken>()));
    }

    [Fact]
    public void ShowWhySaveWasRefused()
    {
        _editor.SaveAsync(Arg.Any<BrandingDraft>(), Arg.Any<CancellationToken>())
            .Returns<BrandView>(_ => throw new BrandingException("\"nope\" is not an e-mail address."));
        var page = RenderEditor();
        page.WaitForAssertion(() => page.Find("[data-testid=branding-save]"));

        page.Find("[data-testid=branding-save]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=branding-error]").TextContent.ShouldContain("is not an e-mail address"));
    }

    [Fact]
    public void RefuseToPreviewOrSaveAnInvalidColour()
    {
        var page = RenderEditor();
        page.WaitForAssertion(() => page.Find("[data-testid=branding-save]"));

        ColourInput(page, "background").Input("white");

        page.Find("[data-testid=preview-unavailable]").TextContent.ShouldContain("Fix the colours");
        page.Find("[data-testid=branding-save]").HasAttribute("disabled").ShouldBeTrue();
    }

    private static AngleSharp.Dom.IElement ColourInput(IRenderedComponent<CascadingValue<TenantInfo>> page, string key) =>
        page.Find($"input[data-testid=colour-{key}], [data-testid=colour-{key}] input");

    private IRenderedComponent<CascadingValue<TenantInfo>> RenderEditor() =>
        Render<CascadingValue<TenantInfo>>(t => t
            .Add(p => p.Value, Acme)
            .Add(p => p.IsFixed, true)
            .AddChildContent<CascadingValue<BrandView>>(b => b
                .Add(p => p.Value, new BrandView(Acme.Id, "Acme Corporation", null, null, null, "#3F51B5", "#1D4ED8", "#0E7490",
                    "#FFFFFF", "#FFFFFF", "Roadrunner", null, false))
                .Add(p => p.IsFixed, true)
                .AddChildContent<EditorPage>()));
}
