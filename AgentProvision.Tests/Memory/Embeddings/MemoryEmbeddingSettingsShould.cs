using AgentProvision.Core.Identity;
using AgentProvision.Core.Llm;
using AgentProvision.Core.Memory;
using AgentProvision.Core.Tenancy;
using AgentProvision.Tests.Support.Llm;
using AgentProvision.Tests.Support.Pages;
using AgentProvision.Web.Components.Pages.Llm;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AgentProvision.Tests.Memory.Embeddings;

/// <summary>The "Memory embeddings" section of the LLM settings page, over the real settings service of a fresh host.</summary>
public sealed class MemoryEmbeddingSettingsShould : RealAppPageTest
{
    private const string Small = "text-embedding-3-small (1536 dimensions) via \u201cDefault\u201d \u00b7 $0.02 per million tokens";

    private ScriptedLlmServer? _server;
    private IRenderedComponent<MudDialogProvider> _dialogs = default!;
    private IRenderedComponent<MudPopoverProvider> _popovers = default!;

    [Fact]
    public async Task ShowTheLocalModelOnTheSettingsPageAndSayHowToGetProviderModels()
    {
        await SignInAsync(Roles.TenantAdmin);

        var page = Render<LlmSettings>();

        await page.WaitForAssertionAsync(() =>
            page.Find("[data-testid=embedding-current]").TextContent.ShouldContain("Local (arctic-embed-xs, 384 dimensions)"), Live);
        page.Find("[data-testid=embedding-none]").TextContent.ShouldContain("None of your configurations reaches an embedding model yet");
        page.FindAll("[data-testid=embedding-select]").ShouldBeEmpty();
    }

    [Fact]
    public async Task ChangeTheModelOnlyAfterConfirmingThatEveryMemoryIsEmbeddedAgain()
    {
        var section = await OpenWithOpenAiAsync();
        await ChooseAsync(section, Small);

        section.Find("[data-testid=embedding-save]").Click();
        await _dialogs.WaitForAssertionAsync(() => _dialogs.Markup.ShouldContain("re-embeds every memory of your organisation"), Live);
        DialogButton("Change model").Click();

        await section.WaitForAssertionAsync(() =>
            section.Find("[data-testid=embedding-current]").TextContent.ShouldContain("text-embedding-3-small (1536 dimensions)"), Live);
        (await CurrentModelAsync()).ShouldBe("openai/text-embedding-3-small");
        section.Find("[data-testid=embedding-save]").HasAttribute("disabled").ShouldBeTrue("the chosen model is the one in use");
    }

    [Fact]
    public async Task KeepTheModelWhenTheChangeIsCancelled()
    {
        var section = await OpenWithOpenAiAsync();
        await ChooseAsync(section, Small);

        section.Find("[data-testid=embedding-save]").Click();
        await _dialogs.WaitForAssertionAsync(() => _dialogs.FindAll("button").ShouldNotBeEmpty(), Live);
        DialogButton("Cancel").Click();

        await _dialogs.WaitForAssertionAsync(() => _dialogs.FindAll("button").ShouldBeEmpty(), Live);
        section.Find("[data-testid=embedding-current]").TextContent.ShouldContain("Local (arctic-embed-xs, 384 dimensions)");
        (await CurrentModelAsync()).ShouldBe("local/snowflake-arctic-embed-xs");
    }

    [Fact]
    public async Task ShowWhyAChoiceWasRefused()
    {
        var section = await OpenWithOpenAiAsync();
        await ChooseAsync(section, Small);
        await using (var elsewhere = await App.ScopeAsync("acme", roles: Roles.TenantAdmin))
        {
            var configs = elsewhere.ServiceProvider.GetRequiredService<ILlmConfigService>();
            await configs.DeleteAsync((await configs.ListAsync(Ct)).Single().Id, Ct);
        }

        section.Find("[data-testid=embedding-save]").Click();
        await _dialogs.WaitForAssertionAsync(() => _dialogs.FindAll("button").ShouldNotBeEmpty(), Live);
        DialogButton("Change model").Click();

        await section.WaitForAssertionAsync(() =>
            section.Find("[data-testid=embedding-error]").TextContent.ShouldContain("That LLM configuration does not exist in this organisation."), Live);
        (await CurrentModelAsync()).ShouldBe("local/snowflake-arctic-embed-xs");
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task<IRenderedComponent<MemoryEmbeddingSettings>> OpenWithOpenAiAsync()
    {
        _server = await ScriptedLlmServer.StartAsync();
        await LlmTenantSetup.ConfigureAsync(App, "acme", _server);
        await SignInAsync(Roles.TenantAdmin);
        _popovers = Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
        var host = Render<CascadingValue<TenantInfo>>(tenant => tenant
            .Add(p => p.Value, Tenant)
            .Add(p => p.IsFixed, true)
            .AddChildContent<MemoryEmbeddingSettings>());
        var section = host.FindComponent<MemoryEmbeddingSettings>();
        await section.WaitForAssertionAsync(() => section.Find("[data-testid=embedding-select]"), Live);
        return section;
    }

    private async Task ChooseAsync(IRenderedComponent<MemoryEmbeddingSettings> section, string option)
    {
        section.Find("[data-testid=embedding-select] .mud-input-control-input-container .mud-input").MouseDown();
        await _popovers.WaitForAssertionAsync(() => _popovers.FindAll(".mud-popover-open .mud-list-item").ShouldNotBeEmpty(), Live);
        _popovers.FindAll(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Trim() == option).Click();
        await section.WaitForAssertionAsync(() => section.Find("[data-testid=embedding-save]").HasAttribute("disabled").ShouldBeFalse(), Live);
    }

    private IElement DialogButton(string text) => _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text);

    private async Task<string> CurrentModelAsync()
    {
        await using var scope = await App.ScopeAsync("acme");
        return (await scope.ServiceProvider.GetRequiredService<IMemorySettingsService>().GetEmbeddingAsync(Ct)).Current.Model;
    }
}
