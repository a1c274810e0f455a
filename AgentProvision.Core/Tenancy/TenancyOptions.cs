using System.ComponentModel.DataAnnotations;

namespace AgentProvision.Core.Tenancy;

public sealed class TenancyOptions
{
    public const string SectionName = "Tenancy";

    /// <summary>
    /// Domains under which a tenant is reached by its identifier as a subdomain: with "localhost",
    /// <c>acme.localhost</c> is the tenant "acme".
    /// </summary>
    [Required]
    public string[] BaseDomains { get; set; } = ["localhost"];
}
