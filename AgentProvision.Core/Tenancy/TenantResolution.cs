namespace AgentProvision.Core.Tenancy;

/// <summary>The outcome of resolving a request: the tenant, which strategy found it, and whether the host decided.</summary>
public sealed record TenantResolution(TenantInfo Tenant, string Strategy, bool ByHost);
