using System.ComponentModel.DataAnnotations;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AgentProvision.Web.Components.Pages.Settings;

public partial class Users
{
    [Inject] private IUserDirectory Directory { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ICurrentUser CurrentUser { get; set; } = default!;

    [CascadingParameter] private TenantInfo Tenant { get; set; } = default!;

    private IReadOnlyList<UserSummary>? _users;
    private UserForm _form = new();
    private bool _formOpen;
    private bool _invite;
    private bool _busy;
    private string? _search;
    private string? _error;
    private string? _invitationLink;
    private string? _invitedEmail;

    private IReadOnlyList<string> GrantableRoles => Tenant.IsPlatform ? Roles.All : Roles.TenantRoles;

    private static readonly Func<string?, string?> RoleName = role => role is null ? null : Roles.DisplayName(role);

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync() => _users = await Directory.ListAsync();

    private bool Matches(UserSummary user) =>
        string.IsNullOrWhiteSpace(_search)
        || user.DisplayName.Contains(_search, StringComparison.OrdinalIgnoreCase)
        || user.Email.Contains(_search, StringComparison.OrdinalIgnoreCase);

    private void OpenForm(bool invite)
    {
        _invite = invite;
        _form = new UserForm { Role = Roles.Viewer };
        _formOpen = true;
        _error = null;
    }

    private async Task SubmitAsync()
    {
        if (!_invite && string.IsNullOrEmpty(_form.Password))
        {
            _error = "Enter an initial password, or invite the user so they choose their own.";
            return;
        }

        _busy = true;
        try
        {
            if (_invite)
            {
                var invitation = await Directory.InviteAsync(new NewInvitation(_form.Email, _form.DisplayName, _form.Role));
                _invitedEmail = invitation.User.Email;
                _invitationLink = Navigation.ToAbsoluteUri(
                    $"/account/invitation?user={invitation.User.Id}&token={Uri.EscapeDataString(invitation.Token)}").ToString();
            }
            else
            {
                await Directory.CreateAsync(new NewUser(_form.Email, _form.DisplayName, _form.Role, _form.Password!));
                Snackbar.Add($"{_form.DisplayName} can now sign in.", Severity.Success);
            }

            _formOpen = false;
            await LoadAsync();
        }
        catch (UserAdministrationException ex)
        {
            _error = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private Task ChangeRoleAsync(UserSummary user, string role) => RunAsync(
        () => Directory.SetRoleAsync(user.Id, role), $"{user.DisplayName} is now {role}.");

    private async Task DisableAsync(UserSummary user)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Disable user",
            $"{user.DisplayName} will be signed out and unable to sign in until enabled again.",
            yesText: "Disable", cancelText: "Cancel");
        if (confirmed == true)
        {
            await RunAsync(() => Directory.DisableAsync(user.Id), $"{user.DisplayName} is disabled.");
        }
    }

    private Task EnableAsync(UserSummary user) =>
        RunAsync(() => Directory.EnableAsync(user.Id), $"{user.DisplayName} can sign in again.");

    private async Task RunAsync(Func<Task> action, string success)
    {
        _error = null;
        try
        {
            await action();
            Snackbar.Add(success, Severity.Success);
        }
        catch (UserAdministrationException ex)
        {
            _error = ex.Message;
        }

        await LoadAsync();
    }

    private sealed class UserForm
    {
        [Required(ErrorMessage = "Enter an email address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [StringLength(256)]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter a display name.")]
        [StringLength(120, ErrorMessage = "Use at most 120 characters.")]
        public string DisplayName { get; set; } = string.Empty;

        [Required]
        public string Role { get; set; } = Roles.Viewer;

        [MinLength(10, ErrorMessage = "Use at least 10 characters.")]
        public string? Password { get; set; }
    }
}
