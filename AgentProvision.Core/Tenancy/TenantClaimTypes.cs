namespace AgentProvision.Core.Tenancy;

public static class TenantClaimTypes
{
    /// <summary>The id of the tenant a user belongs to.</summary>
    public const string TenantId = "ap:tenant";

    /// <summary>For platform admins only: the tenant they have explicitly switched into.</summary>
    public const string ActingTenantId = "ap:acting-tenant";

    /// <summary>The user's display name, for greetings and audit entries.</summary>
    public const string DisplayName = "ap:display-name";
}
