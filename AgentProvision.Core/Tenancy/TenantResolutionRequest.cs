using System.Security.Claims;

namespace AgentProvision.Core.Tenancy;

/// <summary>What a resolution strategy may look at: the host the request came in on, its path and its user.</summary>
public sealed record TenantResolutionRequest(string Host, string Path, ClaimsPrincipal? User);
