namespace AgentProvision.Infrastructure.Persistence;

/// <summary>The name of the EF Core query filter that scopes every tenant-owned entity.</summary>
public static class TenantFilter
{
    public const string Name = "Tenant";

    public static readonly string[] Names = [Name];
}
