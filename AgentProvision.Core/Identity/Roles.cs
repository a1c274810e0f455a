namespace AgentProvision.Core.Identity;

/// <summary>The application roles. PlatformAdmin belongs to the platform tenant; the others are per tenant.</summary>
public static class Roles
{
    public const string PlatformAdmin = "PlatformAdmin";
    public const string TenantAdmin = "TenantAdmin";
    public const string Operator = "Operator";
    public const string Viewer = "Viewer";

    /// <summary>The roles a tenant admin may grant, most powerful first.</summary>
    public static readonly IReadOnlyList<string> TenantRoles = [TenantAdmin, Operator, Viewer];

    public static readonly IReadOnlyList<string> All = [PlatformAdmin, TenantAdmin, Operator, Viewer];

    /// <summary>How a role is named to people.</summary>
    public static string DisplayName(string role) => role switch
    {
        PlatformAdmin => "Platform admin",
        TenantAdmin => "Tenant admin",
        _ => role,
    };

    /// <summary>Roles that may administer a tenant's settings and people.</summary>
    public const string Administrators = PlatformAdmin + "," + TenantAdmin;
}
