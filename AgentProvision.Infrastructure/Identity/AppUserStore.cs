using AgentProvision.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AgentProvision.Infrastructure.Identity;

/// <summary>
/// Look-ups by name stay tenant-filtered (that is what stops a user signing in on another tenant's host), but a
/// look-up by id comes from an already authenticated principal, whose tenant may differ from the scope's (a
/// platform admin acting in a tenant, a background revalidation with no tenant). Services that take an id from
/// a person re-check the tenant themselves.
/// </summary>
internal sealed class AppUserStore(AppDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<AppUser, AppRole, AppDbContext, Guid>(context, describer)
{
    public override Task<AppUser?> FindByIdAsync(string userId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        var id = ConvertIdFromString(userId);
        return Context.Users.IgnoreQueryFilters(TenantFilter.Names).FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
    }
}
