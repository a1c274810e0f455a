using System.Text;
using AgentProvision.Core.Branding;
using AgentProvision.Core.Identity;
using AgentProvision.Tests.Support.Pages;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using EditorPage = AgentProvision.Web.Components.Pages.Branding.BrandingEditor;

namespace AgentProvision.Tests.Branding;

/// <summary>The editor over the real application: real editor service, SQLite, data folder and notifier.</summary>
public sealed class BrandingEditorInAppShould : RealAppPageTest
{
    [Fact]
    public async Task SaveAColourThatEveryOpenPageOfTheTenantReceives()
    {
        await SignInAsync(Roles.TenantAdmin);
        var pushed = new List<BrandView>();
        using var otherPage = App.Services.GetRequiredService<IBrandingNotifier>()
            .Subscribe(Tenant.Id, b => { lock (pushed) { pushed.Add(b); } return Task.CompletedTask; });
        var page = RenderPage<EditorPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=branding-save]"), Live);

        page.Find("[data-testid=colour-primary] input, input[data-testid=colour-primary]").Input("#15803D");
        page.Find("[data-testid=branding-save]").Click();

        page.WaitForAssertion(() => pushed.ShouldHaveSingleItem().PrimaryColor.ShouldBe("#15803D"), Live);
        (await App.Services.GetRequiredService<IBrandingReader>().GetAsync(Tenant.Id, Ct)).PrimaryColor.ShouldBe("#15803D");
    }

    [Fact]
    public async Task ShowAnUploadedLogoAndRefuseAFileThatIsNotAnImage()
    {
        await SignInAsync(Roles.TenantAdmin);
        var page = RenderPage<EditorPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=branding-save]"), Live);

        page.FindComponents<InputFile>()[0].UploadFiles(InputFileContent.CreateFromBinary(BrandImageValidatorShould.Png, "logo.png", contentType: "image/png"));
        page.WaitForAssertion(() => page.Find("[data-testid=image-Logo-current]").GetAttribute("src").ShouldStartWith("/brand-assets/logo-"), Live);

        var favicon = page.FindAll("[data-testid=image-Favicon-current]").Select(i => i.GetAttribute("src")).SingleOrDefault();
        page.FindComponents<InputFile>()[2].UploadFiles(InputFileContent.CreateFromBinary(Encoding.UTF8.GetBytes("MZ pretending"), "favicon.ico"));
        page.WaitForAssertion(() => page.Find("[data-testid=branding-error]").TextContent.ShouldContain("Only PNG, SVG, ICO and WEBP"), Live);
        page.FindAll("[data-testid=image-Favicon-current]").Select(i => i.GetAttribute("src")).SingleOrDefault().ShouldBe(favicon);
    }
}
