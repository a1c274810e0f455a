using System.ComponentModel.DataAnnotations;

namespace AgentProvision.Infrastructure.Seeding;

/// <summary>First-start demo data. Passwords default to the ones in the README and can be overridden here.</summary>
public sealed class SeedOptions
{
    public const string SectionName = "Seed";

    public bool DemoTenants { get; set; } = true;

    /// <summary>Gives each new demo tenant a ready-made agent team, so the task board can be tried at once.</summary>
    public bool DemoTeams { get; set; } = true;

    [Required, EmailAddress]
    public string PlatformAdminEmail { get; set; } = "admin@agentprovision.local";

    [Required, MinLength(10)]
    public string PlatformAdminPassword { get; set; } = "Platform!2026";

    [Required, MinLength(10)]
    public string AcmeAdminPassword { get; set; } = "AcmeDemo!2026";

    [Required, MinLength(10)]
    public string GlobexAdminPassword { get; set; } = "GlobexDemo!2026";
}
