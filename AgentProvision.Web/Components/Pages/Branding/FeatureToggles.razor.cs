using AgentProvision.Core.Features;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AgentProvision.Web.Components.Pages.Branding;

public partial class FeatureToggles
{
    [Inject] private ITenantFeatures Features { get; set; } = default!;
    [Inject] private ITenantStore TenantStore { get; set; } = default!;
    [Inject] private ICurrentUser CurrentUser { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter] private TenantInfo Current { get; set; } = default!;

    private IReadOnlyList<TenantInfo>? _tenants;
    private Guid _tenantId;
    private FeatureSettings? _saved;
    private FeatureForm? _form;
    private bool _canEdit;
    private bool _busy;
    private string? _error;
    private int _savedVersion;

    protected override async Task OnInitializedAsync()
    {
        _canEdit = CurrentUser.IsInRole(Roles.PlatformAdmin);
        _tenantId = Current.Id;
        if (_canEdit)
        {
            _tenants = await TenantStore.ListAsync();
        }

        await LoadAsync();
    }

    private async Task SelectTenantAsync(Guid tenantId)
    {
        _tenantId = tenantId;
        _form = null;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _error = null;
        try
        {
            _saved = await Features.GetForTenantAsync(_tenantId);
            _form = FeatureForm.From(_saved);
        }
        catch (FeatureException ex)
        {
            _error = ex.Message;
        }
    }

    private async Task SaveAsync()
    {
        if (_form is null || _saved is null)
        {
            return;
        }

        var settings = _form.ToSettings();
        var turnedOff = Enum.GetValues<Feature>().Where(f => _saved.IsEnabled(f) && !settings.IsEnabled(f)).Select(f => f.DisplayName()).ToList();
        if (turnedOff.Count > 0)
        {
            var name = _tenants?.FirstOrDefault(t => t.Id == _tenantId)?.Name ?? Current.Name;
            var confirmed = await Dialogs.ShowMessageBoxAsync("Turn features off",
                $"{string.Join(", ", turnedOff)} will disappear for everyone in {name}; their pages will answer \"not found\". Their data is kept.",
                yesText: "Turn off", cancelText: "Cancel");
            if (confirmed != true)
            {
                return;
            }
        }

        _busy = true;
        _error = null;
        try
        {
            _saved = await Features.UpdateAsync(_tenantId, settings);
            _savedVersion++;
            Snackbar.Add("Features and limits saved.", Severity.Success);
        }
        catch (FeatureException ex)
        {
            _error = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }
}
