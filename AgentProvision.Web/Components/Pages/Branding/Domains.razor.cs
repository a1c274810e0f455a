using AgentProvision.Core.Domains;
using AgentProvision.Core.Tenancy;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace AgentProvision.Web.Components.Pages.Branding;

/// <summary>A tenant admin's custom domains: add, the DNS records to create, verify against DNS, TLS state, remove.</summary>
public sealed partial class Domains
{
    private readonly DomainForm _form = new();
    private readonly HashSet<Guid> _verifying = [];
    private IReadOnlyList<CustomDomainView>? _domains;
    private bool _adding;
    private bool _interactive;
    private string? _addError;
    private string? _error;

    [Inject] private ICustomDomains CustomDomains { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IJSRuntime Js { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _domains = await CustomDomains.ListAsync();

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _interactive = true;
            StateHasChanged();
        }
    }

    private async Task AddAsync()
    {
        _addError = null;
        _adding = true;
        try
        {
            var added = await CustomDomains.AddAsync(_form.Host ?? string.Empty);
            _form.Host = null;
            _domains = await CustomDomains.ListAsync();
            Snackbar.Add($"Added {added.Host}. Create its DNS records, then verify.", Severity.Success);
        }
        catch (CustomDomainException e)
        {
            _addError = e.Message;
        }
        finally
        {
            _adding = false;
        }
    }

    private async Task VerifyAsync(CustomDomainView domain)
    {
        _error = null;
        _verifying.Add(domain.Id);
        try
        {
            var checkedDomain = await CustomDomains.VerifyAsync(domain.Id);
            _domains = await CustomDomains.ListAsync();
            if (checkedDomain.IsVerified && checkedDomain.LastCheckOutcome == DomainCheckOutcome.Verified)
            {
                Snackbar.Add($"{checkedDomain.Host} is verified and now opens your organisation.", Severity.Success);
            }
        }
        catch (CustomDomainException e)
        {
            _error = e.Message;
        }
        finally
        {
            _verifying.Remove(domain.Id);
        }
    }

    private async Task RemoveAsync(CustomDomainView domain)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Remove {domain.Host}",
            $"{domain.Host} stops opening your organisation at once, and its verification is lost; adding it again needs a new TXT record.",
            yesText: "Remove", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        _error = null;
        try
        {
            await CustomDomains.RemoveAsync(domain.Id);
            _domains = await CustomDomains.ListAsync();
            Snackbar.Add($"Removed {domain.Host}.", Severity.Success);
        }
        catch (CustomDomainException e)
        {
            _error = e.Message;
        }
    }

    private async Task CopyAsync(string value)
    {
        try
        {
            await Js.InvokeVoidAsync("navigator.clipboard.writeText", value);
            Snackbar.Add("Copied.", Severity.Info);
        }
        catch (JSException)
        {
            Snackbar.Add("The browser did not allow copying; select the value and copy it.", Severity.Warning);
        }
    }

    private static string TlsText(CustomDomainView domain) => domain.Tls switch
    {
        TlsState.Requested => $"Certificate requested by the proxy at {domain.CertificateApprovedAt!.Value.UtcDateTime:yyyy-MM-dd HH:mm} UTC",
        TlsState.WaitingForFirstVisit => "Waiting for the first HTTPS visit",
        _ => "No certificate until verified",
    };

    private static string OutcomeText(DomainCheckOutcome outcome) => outcome switch
    {
        DomainCheckOutcome.Verified => "Verified",
        DomainCheckOutcome.NoRecord => "No TXT record",
        DomainCheckOutcome.WrongToken => "Wrong token",
        DomainCheckOutcome.NxDomain => "Domain not found",
        DomainCheckOutcome.Timeout => "DNS timeout",
        _ => "DNS error",
    };

    private sealed class DomainForm
    {
        public string? Host { get; set; }
    }
}
