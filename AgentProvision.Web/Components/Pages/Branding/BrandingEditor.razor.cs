using AgentProvision.Core.Branding;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Branding;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace AgentProvision.Web.Components.Pages.Branding;

public partial class BrandingEditor
{
    private BrandingDraft? _draft;
    private BrandImageKind? _uploading;
    private bool _saving;
    private string? _error;

    [Inject] private IBrandingEditor Editor { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IOptions<BrandingOptions> Options { get; set; } = default!;

    [CascadingParameter] private TenantInfo Tenant { get; set; } = default!;
    [CascadingParameter] private BrandView? Brand { get; set; }

    // The uploaded image itself is shown, so the picked file's name adds nothing.
    private static readonly RenderFragment<IBrowserFile?> NoSelection = _ => _ => { };

    private BrandingDraft Draft => _draft!;

    private string CompanyName { get => Draft.CompanyName; set => _draft = Draft with { CompanyName = value }; }
    private string? SupportEmail { get => Draft.SupportEmail; set => _draft = Draft with { SupportEmail = value }; }
    private string AssistantName { get => Draft.AiAssistantName; set => _draft = Draft with { AiAssistantName = value }; }
    private string? Persona { get => Draft.AiAssistantPersona; set => _draft = Draft with { AiAssistantPersona = value }; }

    private IReadOnlyList<ColourField> Colours =>
    [
        new("primary", "Primary", () => Draft.PrimaryColor, v => _draft = Draft with { PrimaryColor = v }),
        new("secondary", "Secondary", () => Draft.SecondaryColor, v => _draft = Draft with { SecondaryColor = v }),
        new("accent", "Accent", () => Draft.AccentColor, v => _draft = Draft with { AccentColor = v }),
        new("background", "Background", () => Draft.BackgroundColor, v => _draft = Draft with { BackgroundColor = v }),
        new("sidebar", "Sidebar", () => Draft.SidebarBg, v => _draft = Draft with { SidebarBg = v }),
    ];

    private bool ColoursValid => Colours.All(c => TenantBranding.IsColor(c.Get()));

    private IReadOnlyList<ContrastCheck> Checks => ContrastCheck.For(Draft);

    private BrandView Preview => Draft.Preview(Tenant.Id, Brand?.HideProductBranding ?? false);

    private string Kilobytes => $"{Options.Value.MaxImageBytes / 1024} KB";

    protected override async Task OnInitializedAsync() => _draft = await Editor.GetAsync();

    private string? ImageUrl(BrandImageKind kind) => kind switch
    {
        BrandImageKind.Logo => Draft.LogoUrl,
        BrandImageKind.LogoDark => Draft.LogoDarkUrl,
        _ => Draft.FaviconUrl,
    };

    private static string ImageLabel(BrandImageKind kind) => kind switch
    {
        BrandImageKind.Logo => "Logo",
        BrandImageKind.LogoDark => "Logo for dark backgrounds",
        _ => "Favicon",
    };

    private void SetImage(BrandImageKind kind, string? url) => _draft = kind switch
    {
        BrandImageKind.Logo => Draft with { LogoUrl = url },
        BrandImageKind.LogoDark => Draft with { LogoDarkUrl = url },
        _ => Draft with { FaviconUrl = url },
    };

    private static string ColourValue(string value) => TenantBranding.IsColor(value) ? value.ToLowerInvariant() : "#000000";

    private async Task UploadAsync(BrandImageKind kind, IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }

        _uploading = kind;
        _error = null;
        try
        {
            // One byte over the limit is read so the editor, not the browser stream, reports the size.
            await using var stream = file.OpenReadStream(Options.Value.MaxImageBytes + 1);
            SetImage(kind, await Editor.UploadAsync(kind, stream));
            Snackbar.Add($"{ImageLabel(kind)} uploaded; save to use it.", Severity.Info);
        }
        catch (Exception e) when (e is BrandImageException or BrandingException or IOException)
        {
            _error = e is IOException ? $"The file is larger than {Kilobytes}." : e.Message;
        }
        finally
        {
            _uploading = null;
        }
    }

    private async Task SaveAsync()
    {
        _saving = true;
        _error = null;
        try
        {
            var saved = await Editor.SaveAsync(Draft);
            Snackbar.Add($"Branding saved for {saved.CompanyName}.", Severity.Success);
        }
        catch (BrandingException e)
        {
            _error = e.Message;
        }
        finally
        {
            _saving = false;
        }
    }

    private sealed record ColourField(string Key, string Label, Func<string> Get, Action<string> Set);
}
