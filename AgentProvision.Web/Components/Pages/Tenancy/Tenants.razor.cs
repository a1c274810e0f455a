using System.ComponentModel.DataAnnotations;
using AgentProvision.Core.Templates;
using AgentProvision.Core.Tenancy;
using AgentProvision.Web.Tenancy;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace AgentProvision.Web.Components.Pages.Tenancy;

public partial class Tenants
{
    [Inject] private ITenantStore TenantStore { get; set; } = default!;
    [Inject] private ITenantAdministration Administration { get; set; } = default!;
    [Inject] private IIndustryTemplates Templates { get; set; } = default!;
    [Inject] private TenantUrls Urls { get; set; } = default!;
    [Inject] private IOptions<TenancyOptions> TenancyOptions { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter] private TenantInfo Current { get; set; } = default!;

    private IReadOnlyList<TenantInfo>? _tenants;
    private readonly Dictionary<Guid, string?> _directories = [];
    private TenantForm _form = new();
    private bool _createOpen;
    private bool _busy;
    private string? _error;
    private string? _createdLink;

    private string BaseDomain => TenancyOptions.Value.BaseDomains[0];

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync() => _tenants = await TenantStore.ListAsync();

    private void OpenCreate()
    {
        _form = new TenantForm();
        _createOpen = true;
        _error = null;
    }

    private async Task CreateAsync()
    {
        _busy = true;
        await RunAsync(async () =>
        {
            var created = await Administration.CreateAsync(new NewTenant(_form.Identifier, _form.Name, _form.AdminEmail, _form.AdminName));
            var site = Urls.BaseFor(created.Tenant, new Uri(Navigation.BaseUri));
            _createdLink = new Uri(site,
                $"/account/invitation?user={created.AdminUserId}&token={Uri.EscapeDataString(created.InvitationToken)}").ToString();
            _createOpen = false;
            // After the link is kept: the tenant exists either way, and its one-time invitation must not be lost.
            if (_form.Template != IndustryTemplateCatalog.Blank)
            {
                await Templates.ApplyToTenantAsync(created.Tenant.Id, _form.Template);
            }
        }, null);
        _busy = false;
    }

    private async Task SuspendAsync(TenantInfo tenant)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Suspend tenant",
            $"Nobody can use {tenant.Name} until it is activated again. Its data is kept.", yesText: "Suspend", cancelText: "Cancel");
        if (confirmed == true)
        {
            await RunAsync(() => Administration.SuspendAsync(tenant.Id), $"{tenant.Name} is suspended.");
        }
    }

    private Task ActivateAsync(TenantInfo tenant) =>
        RunAsync(() => Administration.ActivateAsync(tenant.Id), $"{tenant.Name} is active again.");

    private Task LinkDirectoryAsync(TenantInfo tenant) =>
        RunAsync(() => Administration.LinkEntraDirectoryAsync(tenant.Id, _directories.GetValueOrDefault(tenant.Id) ?? tenant.EntraTenantId),
            $"Saved the Entra directory of {tenant.Name}.");

    private async Task RunAsync(Func<Task> action, string? success)
    {
        _error = null;
        try
        {
            await action();
            if (success is not null)
            {
                Snackbar.Add(success, Severity.Success);
            }
        }
        catch (Exception ex) when (ex is TenancyException or AgentProvision.Core.Identity.UserAdministrationException)
        {
            _error = ex.Message;
        }

        await LoadAsync();
    }

    private sealed class TenantForm
    {
        [Required(ErrorMessage = "Enter the organisation's name.")]
        [StringLength(120)]
        public string Name { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter an identifier.")]
        [RegularExpression("^[a-z][a-z0-9-]{1,39}$", ErrorMessage = "2 to 40 lower-case letters, digits or dashes, starting with a letter.")]
        public string Identifier { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter the first admin's email.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        public string AdminEmail { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter the first admin's name.")]
        [StringLength(120)]
        public string AdminName { get; set; } = string.Empty;

        public string Template { get; set; } = IndustryTemplateCatalog.Blank;
    }
}
