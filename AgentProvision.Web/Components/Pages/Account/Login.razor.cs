using System.ComponentModel.DataAnnotations;
using AgentProvision.Core.Audit;
using AgentProvision.Core.Branding;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Identity;
using AgentProvision.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace AgentProvision.Web.Components.Pages.Account;

public partial class Login
{
    private static readonly Dictionary<string, string> KnownErrors = new()
    {
        ["external-failed"] = "Signing in with Microsoft did not complete. Try again.",
        ["entra-unlinked"] = "Your Microsoft Entra directory is not linked to any organisation here.",
        ["wrong-host"] = "Your account belongs to another organisation. Sign in at its own address.",
        ["disabled"] = "This account is disabled. Ask an administrator of your organisation.",
    };

    [Inject] private SignInManager<AppUser> SignIn { get; set; } = default!;
    [Inject] private IAuditLog Audit { get; set; } = default!;
    [Inject] private ITenantContext Tenant { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private IConfiguration Configuration { get; set; } = default!;

    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;
    [CascadingParameter] private BrandView Brand { get; set; } = default!;

    [SupplyParameterFromForm(Name = "Input")] private LoginInput? Form { get; set; }

    private LoginInput Input => Form ??= new();
    [SupplyParameterFromQuery] private string? ReturnUrl { get; set; }
    [SupplyParameterFromQuery(Name = "error")] private string? ErrorCode { get; set; }

    [SupplyParameterFromQuery(Name = "notice")] private string? NoticeCode { get; set; }

    private string? ErrorMessage { get; set; }

    private string? NoticeMessage => NoticeCode == "invitation-accepted" ? "Your password is set. Sign in to continue." : null;

    private bool EntraIdEnabled => EntraIdSignIn.IsConfigured(Configuration);

    protected override void OnInitialized()
    {
        if (ErrorCode is not null && KnownErrors.TryGetValue(ErrorCode, out var message))
        {
            ErrorMessage = message;
        }
    }

    private async Task SignInAsync()
    {
        var email = Input.Email.Trim();
        var ip = HttpContext.Connection.RemoteIpAddress?.ToString();
        // Look-ups are tenant-filtered: an account of another tenant is simply unknown on this host.
        var user = await SignIn.UserManager.FindByEmailAsync(email);
        var result = await SignIn.PasswordSignInAsync(email, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        var actor = new AuditActor(user?.Id, user?.DisplayName ?? email, ip);

        if (result.Succeeded && user is not null)
        {
            user.LastSignInAt = Clock.GetUtcNow();
            await SignIn.UserManager.UpdateAsync(user);
            await Audit.RecordForTenantAsync(Tenant.TenantId, AuditActions.SignIn, actor, email);
            Navigation.NavigateTo(SafeReturnUrl(ReturnUrl), forceLoad: true);
            return;
        }

        if (result.IsLockedOut)
        {
            await Audit.RecordForTenantAsync(Tenant.TenantId, AuditActions.LockedOut, actor, email);
            ErrorMessage = "Too many failed attempts: this account is locked for 15 minutes.";
            return;
        }

        await Audit.RecordForTenantAsync(Tenant.TenantId, AuditActions.SignInFailed, actor, email,
            result.IsNotAllowed ? "account disabled or invitation not accepted" : "wrong email or password");
        ErrorMessage = result.IsNotAllowed
            ? "This account is disabled or has not accepted its invitation yet."
            : "That email and password do not match an account of " + Brand.CompanyName + ".";
    }

    /// <summary>Only same-site paths, so the sign-in page cannot be used to bounce people to another site.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//")
        && !returnUrl.StartsWith("/\\") && !returnUrl.StartsWith("/account/", StringComparison.OrdinalIgnoreCase)
            ? returnUrl
            : "/";

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter your password.")]
        public string Password { get; set; } = string.Empty;

        public bool RememberMe { get; set; }
    }
}
