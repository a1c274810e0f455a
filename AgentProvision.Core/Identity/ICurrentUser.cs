namespace AgentProvision.Core.Identity;

/// <summary>The person acting in the current request or circuit.</summary>
public interface ICurrentUser
{
    Guid? UserId { get; }

    string Name { get; }

    string? IpAddress { get; }

    bool IsInRole(string role);
}

/// <summary>The role questions services and pages ask, answered in one place.</summary>
public static class CurrentUserRoles
{
    /// <summary>A tenant admin, or a platform admin (acting in a tenant or in the platform).</summary>
    public static bool IsAdministrator(this ICurrentUser user) => user.IsInRole(Roles.TenantAdmin) || user.IsInRole(Roles.PlatformAdmin);

    /// <summary>Operators and admins build and change teams; viewers only look.</summary>
    public static bool CanBuildTeams(this ICurrentUser user) => user.IsAdministrator() || user.IsInRole(Roles.Operator);
}
