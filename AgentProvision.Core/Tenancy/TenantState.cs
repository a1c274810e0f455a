namespace AgentProvision.Core.Tenancy;

public enum TenantState
{
    Active,
    Suspended,
}
