namespace AgentProvision.Core.Tenancy;

/// <summary>A rule of tenancy was broken: an invalid tenant, or a write that crosses tenants.</summary>
public sealed class TenancyException(string message) : InvalidOperationException(message);
