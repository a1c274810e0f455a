using System.Security.Claims;
using AgentProvision.Core.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AgentProvision.Infrastructure.Identity;

/// <summary>Adds the user's tenant and display name to the sign-in cookie.</summary>
internal sealed class AppClaimsPrincipalFactory(
    UserManager<AppUser> userManager,
    RoleManager<AppRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(TenantClaimTypes.TenantId, user.TenantId.ToString()));
        identity.AddClaim(new Claim(TenantClaimTypes.DisplayName, user.DisplayName));
        return identity;
    }
}
