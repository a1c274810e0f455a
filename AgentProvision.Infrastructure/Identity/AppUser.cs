using AgentProvision.Core.Tenancy;
using Microsoft.AspNetCore.Identity;

namespace AgentProvision.Infrastructure.Identity;

/// <summary>A person who signs in. Belongs to exactly one tenant; user names are unique within it.</summary>
public sealed class AppUser : IdentityUser<Guid>, ITenantOwned
{
    public Guid TenantId { get; set; }

    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Disabled by an admin: cannot sign in, and existing sessions end at the next validation.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>Invited but has not yet set a password through the one-time link.</summary>
    public bool InvitationPending { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }
}

public sealed class AppRole : IdentityRole<Guid>
{
    public AppRole()
    {
    }

    public AppRole(string name)
        : base(name)
    {
        Id = Guid.NewGuid();
    }
}
