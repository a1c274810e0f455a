using AgentProvision.Core.Branding;
using AgentProvision.Core.Features;
using AgentProvision.Core.Tenancy;
using AgentProvision.Web.Features;
using AgentProvision.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;

namespace AgentProvision.Web.Components.Layout;

public partial class MainLayout : IAsyncDisposable
{
    private const string DarkModeKey = "agentprovision.dark-mode";

    private MudTheme _theme = new();
    private bool _darkMode;
    private bool _drawerOpen = true;
    private ErrorBoundary? _errorBoundary;
    private IJSObjectReference? _preferences;
    private BrandView? _savedBrand;
    private IDisposable? _brandChanges;
    private IDisposable? _featureChanges;
    private FeatureSettings? _features;

    [CascadingParameter]
    private BrandView Brand { get; set; } = default!;

    [CascadingParameter]
    private TenantInfo Tenant { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private IBrandingNotifier BrandingNotifier { get; set; } = default!;

    [Inject]
    private ITenantFeatures Features { get; set; } = default!;

    [Inject]
    private IFeatureNotifier FeatureNotifier { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    // The brand saved while this page is open wins over the one the page was opened with.
    private BrandView CurrentBrand => _savedBrand ?? Brand;

    // The app bar is drawn in the primary colour, so it carries the logo made for dark backgrounds.
    // A tenant that hides our name gets no product logo in its place either.
    private string? LogoUrl => CurrentBrand.LogoDarkUrl ?? CurrentBrand.LogoUrl
        ?? (CurrentBrand.HideProductBranding ? null : "/brand/platform/logo-dark.svg");

    // A tenant that hides our name gets the browser's blank icon rather than our favicon.
    private string? FaviconUrl => CurrentBrand.FaviconUrl ?? (CurrentBrand.HideProductBranding ? null : "/brand/platform/favicon.svg");

    // Until the features are read the page shows: a full load of a disabled page never got this far (the middleware's 404).
    private bool PageOpen => _features is not { } features || features.IsOpen("/" + Navigation.ToBaseRelativePath(Navigation.Uri));

    private bool IsActingInOtherTenant =>
        Guid.TryParse(CurrentUser.Principal.FindFirst(TenantClaimTypes.TenantId)?.Value, out var own) && own != Tenant.Id;

    protected override async Task OnInitializedAsync() => _features = await Features.GetAsync();

    protected override void OnParametersSet() => _theme = BrandTheme.From(CurrentBrand);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        _brandChanges = BrandingNotifier.Subscribe(Tenant.Id, OnBrandSavedAsync);
        _featureChanges = FeatureNotifier.Subscribe(Tenant.Id, OnFeaturesChangedAsync);

        // The preference lives in the browser, so it survives refreshes and reconnects without a server round trip.
        _preferences = await JS.InvokeAsync<IJSObjectReference>("import", "./js/preferences.js");
        var stored = await _preferences.InvokeAsync<string?>("get", DarkModeKey);
        var dark = stored is null ? await _preferences.InvokeAsync<bool>("prefersDark") : stored == "true";
        if (dark != _darkMode)
        {
            _darkMode = dark;
            StateHasChanged();
        }
    }

    private async Task OnBrandSavedAsync(BrandView brand)
    {
        try
        {
            await InvokeAsync(() =>
            {
                _savedBrand = brand;
                _theme = BrandTheme.From(brand);
                StateHasChanged();
            });
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
    }

    private async Task OnFeaturesChangedAsync(FeatureSettings features)
    {
        try
        {
            await InvokeAsync(() =>
            {
                _features = features;
                StateHasChanged();
            });
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private async Task ToggleDarkModeAsync()
    {
        _darkMode = !_darkMode;
        if (_preferences is not null)
        {
            await _preferences.InvokeVoidAsync("set", DarkModeKey, _darkMode ? "true" : "false");
        }
    }

    private void Recover() => _errorBoundary?.Recover();

    public async ValueTask DisposeAsync()
    {
        _brandChanges?.Dispose();
        _featureChanges?.Dispose();
        if (_preferences is not null)
        {
            try
            {
                await _preferences.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone; the browser released the module with it.
            }
        }
    }
}
