using System.Security.Claims;
using AgentProvision.Core.Identity;

namespace AgentProvision.Core.Tenancy.Strategies;

/// <summary>
/// The signed-in user's tenant claim. A platform admin who has switched into a tenant carries an acting-tenant
/// claim, honoured only while the user holds the PlatformAdmin role.
/// </summary>
public sealed class ClaimStrategy(ITenantStore store) : ITenantResolutionStrategy
{
    public string Name => "claim";

    public async Task<TenantInfo?> ResolveAsync(TenantResolutionRequest request, CancellationToken cancellationToken = default)
    {
        var id = TenantIdFrom(request.User);
        return id is { } tenantId ? await store.GetAsync(tenantId, cancellationToken) : null;
    }

    public static Guid? TenantIdFrom(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        if (user.IsInRole(Roles.PlatformAdmin)
            && Guid.TryParse(user.FindFirst(TenantClaimTypes.ActingTenantId)?.Value, out var acting))
        {
            return acting;
        }

        return Guid.TryParse(user.FindFirst(TenantClaimTypes.TenantId)?.Value, out var own) ? own : null;
    }
}
