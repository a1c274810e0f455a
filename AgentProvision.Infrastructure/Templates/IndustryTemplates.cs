using AgentProvision.Core.Audit;
using AgentProvision.Core.Features;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Templates;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using AgentProvision.Infrastructure.Tenancy;

namespace AgentProvision.Infrastructure.Templates;

internal sealed class IndustryTemplates(
    IDbContextFactory<AppDbContext> factory,
    IServiceScopeFactory scopeFactory,
    ITenantContext tenant,
    ITenantStore tenants,
    ICurrentUser currentUser,
    ITenantFeatures features,
    IAuditLog audit,
    TimeProvider clock) : IIndustryTemplates
{
    public IReadOnlyList<IndustryTemplate> List() => IndustryTemplateCatalog.All;

    public async Task<TemplateApplication> ApplyAsync(string templateKey, CancellationToken cancellationToken = default)
    {
        if (!currentUser.IsAdministrator())
        {
            throw new TenancyException("Only a tenant admin can apply an industry template.");
        }

        var template = Require(templateKey);
        var tenantId = tenant.RequireTenant().Id;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var result = await TemplateApplier.ApplyAsync(db, tenantId, template, await features.GetAsync(cancellationToken), clock.GetUtcNow(),
            cancellationToken);
        await audit.RecordAsync(AuditActions.TemplateApplied, template.Key, Describe(result), cancellationToken: cancellationToken);
        return result;
    }

    public async Task<TemplateApplication> ApplyToTenantAsync(Guid tenantId, string templateKey, CancellationToken cancellationToken = default)
    {
        if (!currentUser.IsInRole(Roles.PlatformAdmin))
        {
            throw new TenancyException("Only a platform admin can apply a template to another tenant.");
        }

        var template = Require(templateKey);
        var target = await tenants.GetAsync(tenantId, cancellationToken) ?? throw new TenancyException("That tenant does not exist.");
        // The target's own scope, so its query filters and the tenant stamp on save belong to it, not to the platform.
        await using var scope = scopeFactory.CreateTenantScope(target);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(cancellationToken);
        var plan = await scope.ServiceProvider.GetRequiredService<ITenantFeatures>().GetAsync(cancellationToken);
        var result = await TemplateApplier.ApplyAsync(db, target.Id, template, plan, clock.GetUtcNow(), cancellationToken);
        await audit.RecordForTenantAsync(target.Id, AuditActions.TemplateApplied,
            new AuditActor(currentUser.UserId, currentUser.Name, currentUser.IpAddress), template.Key, Describe(result), cancellationToken);
        return result;
    }

    private static IndustryTemplate Require(string templateKey) =>
        IndustryTemplateCatalog.Find(templateKey) ?? throw new TenancyException(
            $"There is no industry template '{templateKey}'. Choose one of {string.Join(", ", IndustryTemplateCatalog.All.Select(t => t.Key))}.");

    private static string Describe(TemplateApplication result) => result.ChangedAnything
        ? $"{result.AgentsCreated} agents, {result.SkillsCreated} skills, team {(result.TeamCreated ? "created" : "kept")}, compliance {(result.ComplianceChanged ? "changed" : "kept")}"
        : "already applied; nothing changed";
}
