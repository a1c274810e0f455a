using AgentProvision.Core.Branding;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Memory;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Identity;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentProvision.Infrastructure.Seeding;

/// <summary>Creates the roles, the platform tenant and its admin, and the two demo tenants, once.</summary>
internal sealed partial class DemoSeeder(
    IServiceScopeFactory scopeFactory,
    DemoLlmSetup demoLlm,
    IOptions<SeedOptions> options,
    TimeProvider clock,
    ILogger<DemoSeeder> logger)
{
    private sealed record DemoTenant(string Identifier, string Name, string Email, string Password, string Admin,
        string Primary, string Secondary, string Accent, string Background, string Sidebar, string Assistant, bool IsPlatform);

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<AppRole>>();
            foreach (var role in Roles.All)
            {
                if (!await roles.RoleExistsAsync(role))
                {
                    await roles.CreateAsync(new AppRole(role));
                }
            }
        }

        var seed = options.Value;
        List<DemoTenant> tenants =
        [
            new(Tenant.PlatformIdentifier, "AgentProvision", seed.PlatformAdminEmail, seed.PlatformAdminPassword,
                "Platform Admin", "#3F51B5", "#7C4DFF", "#00BCD4", "#F5F6FA", "#FFFFFF", "Provision Assistant", true),
        ];
        if (seed.DemoTenants)
        {
            tenants.Add(new("acme", "Acme Corporation", "admin@acme.example", seed.AcmeAdminPassword, "Ada Acme",
                "#C2410C", "#1D4ED8", "#F59E0B", "#FFF7ED", "#FFFFFF", "Roadrunner", false));
            tenants.Add(new("globex", "Globex", "admin@globex.example", seed.GlobexAdminPassword, "Gus Globex",
                "#15803D", "#6D28D9", "#0EA5E9", "#F0FDF4", "#F7FEE7", "Hank", false));
        }

        foreach (var demo in tenants)
        {
            await SeedTenantAsync(demo, cancellationToken);
        }

        await demoLlm.SetUpAsync(tenants.Where(t => !t.IsPlatform).Select(t => t.Identifier).ToList(), cancellationToken);
    }

    private async Task SeedTenantAsync(DemoTenant demo, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Identifier == demo.Identifier, cancellationToken);
        if (tenant is not null)
        {
            return;
        }

        tenant = new Tenant(demo.Identifier, demo.Name, demo.IsPlatform);
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync(cancellationToken);
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(TenantInfo.From(tenant));

        var branding = new TenantBranding(tenant.Id, demo.Name);
        branding.SetColors(demo.Primary, demo.Secondary, demo.Accent, demo.Background, demo.Sidebar);
        branding.SetImages($"/brand/{demo.Identifier}/logo.svg", $"/brand/{demo.Identifier}/logo-dark.svg",
            $"/brand/{demo.Identifier}/favicon.svg");
        branding.SetIdentity(demo.Name, $"support@{(demo.IsPlatform ? "agentprovision.local" : demo.Identifier + ".example")}");
        branding.SetAssistant(demo.Assistant, """{"tone":"friendly","style":"concise"}""");
        db.TenantBrandings.Add(branding);
        db.Add(new AgentProvision.Core.Features.TenantFeatures(tenant.Id, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = AppUsers.New(tenant.Id, demo.Email, demo.Admin, invitationPending: false, clock.GetUtcNow());
        Check(await users.CreateAsync(admin, demo.Password), demo.Identifier);
        Check(await users.AddToRoleAsync(admin, demo.IsPlatform ? Roles.PlatformAdmin : Roles.TenantAdmin), demo.Identifier);
        LogSeeded(demo.Identifier, demo.Email);
        if (!demo.IsPlatform && options.Value.DemoTeams)
        {
            db.AgentGroups.Add(DemoTeam.Build(tenant.Id, db, clock.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
            await DemoMemories.SeedAsync(scope.ServiceProvider.GetRequiredService<IMemoryService>(),
                db.Agents.Local.Where(a => a.TenantId == tenant.Id).ToList(), cancellationToken);
        }

        await DemoKnowledge.SeedAsync(scope.ServiceProvider, db, tenant.Id, demo.IsPlatform, clock.GetUtcNow(), cancellationToken);
    }

    private static void Check(IdentityResult result, string tenant)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Seeding tenant '{tenant}' failed: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded tenant {TenantIdentifier} with admin {AdminEmail}")]
    private partial void LogSeeded(string tenantIdentifier, string adminEmail);
}
