using System.ComponentModel.DataAnnotations;
using AgentProvision.Core.Audit;
using AgentProvision.Core.Branding;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace AgentProvision.Web.Components.Pages.Account;

public partial class AcceptInvitation
{
    [Inject] private UserManager<AppUser> Users { get; set; } = default!;
    [Inject] private IAuditLog Audit { get; set; } = default!;
    [Inject] private ITenantContext Tenant { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;
    [CascadingParameter] private BrandView Brand { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "user")] private string? QueryUserId { get; set; }
    [SupplyParameterFromQuery(Name = "token")] private string? QueryToken { get; set; }
    [SupplyParameterFromForm(Name = "Input")] private InvitationInput? Form { get; set; }

    private InvitationInput Input => Form ??= new();

    private bool _invalid;
    private string? _email;
    private readonly List<string> _errors = [];

    protected override async Task OnInitializedAsync()
    {
        Input.UserId ??= QueryUserId;
        Input.Token ??= QueryToken;
        var user = await FindInvitedUserAsync();
        _invalid = user is null;
        _email = user?.Email;
    }

    private async Task AcceptAsync()
    {
        var user = await FindInvitedUserAsync();
        if (user is null)
        {
            _invalid = true;
            return;
        }

        var result = await Users.ResetPasswordAsync(user, Input.Token!, Input.Password);
        if (!result.Succeeded)
        {
            _errors.AddRange(result.Errors.Select(e => e.Code == "InvalidToken"
                ? "This invitation link was already used or has expired. Ask your administrator for a new one."
                : e.Description));
            return;
        }

        user.InvitationPending = false;
        await Users.UpdateAsync(user);
        await Audit.RecordForTenantAsync(Tenant.TenantId, AuditActions.InvitationAccepted,
            new AuditActor(user.Id, user.DisplayName, HttpContext.Connection.RemoteIpAddress?.ToString()), user.Email);
        Navigation.NavigateTo("/account/login?notice=invitation-accepted", forceLoad: true);
    }

    private async Task<AppUser?> FindInvitedUserAsync()
    {
        if (string.IsNullOrEmpty(Input.UserId) || string.IsNullOrEmpty(Input.Token))
        {
            return null;
        }

        var user = await Users.FindByIdAsync(Input.UserId);
        // The link works only on the host of the user's own tenant, and only once.
        return user is { InvitationPending: true } && user.TenantId == Tenant.TenantId ? user : null;
    }

    public sealed class InvitationInput
    {
        public string? UserId { get; set; }

        public string? Token { get; set; }

        [Required(ErrorMessage = "Choose a password.")]
        [MinLength(10, ErrorMessage = "Use at least 10 characters.")]
        public string Password { get; set; } = string.Empty;

        [Required(ErrorMessage = "Repeat the password.")]
        [Compare(nameof(Password), ErrorMessage = "The two passwords do not match.")]
        public string ConfirmPassword { get; set; } = string.Empty;
    }
}
