namespace AgentProvision.Core.Templates;

/// <summary>
/// Lists industry templates and applies them. Applying is additive and idempotent by name: agents, skills and the
/// team that already exist are kept, and compliance is only ever tightened. Admins only; every application is audited.
/// </summary>
public interface IIndustryTemplates
{
    IReadOnlyList<IndustryTemplate> List();

    /// <summary>Applies the template to the current tenant (tenant or platform admins).</summary>
    /// <exception cref="Tenancy.TenancyException">Not an admin, or no such template.</exception>
    Task<TemplateApplication> ApplyAsync(string templateKey, CancellationToken cancellationToken = default);

    /// <summary>Applies the template to another tenant, as when a platform admin creates one from a template.</summary>
    Task<TemplateApplication> ApplyToTenantAsync(Guid tenantId, string templateKey, CancellationToken cancellationToken = default);
}
