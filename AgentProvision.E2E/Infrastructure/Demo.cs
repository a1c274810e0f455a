namespace AgentProvision.E2E.Infrastructure;

/// <summary>A tenant as the demo seed creates it, with the branding its pages must show.</summary>
public sealed record DemoTenant(string Identifier, string Name, string PrimaryColour, DemoAccount Admin)
{
    public string LogoPath => $"/brand/{Identifier}/logo.svg";

    /// <summary>The variant for dark backgrounds, which the primary-coloured app bar carries.</summary>
    public string DarkLogoPath => $"/brand/{Identifier}/logo-dark.svg";
}

public sealed record DemoAccount(string Email, string Password, string DisplayName);

/// <summary>The seeded tenants and their admins (see DemoSeeder and SeedOptions in the app).</summary>
public static class Demo
{
    public static readonly DemoTenant Platform = new("platform", "AgentProvision", "#3F51B5",
        new("admin@agentprovision.local", "Platform!2026", "Platform Admin"));

    public static readonly DemoTenant Acme = new("acme", "Acme Corporation", "#C2410C",
        new("admin@acme.example", "AcmeDemo!2026", "Ada Acme"));

    public static readonly DemoTenant Globex = new("globex", "Globex", "#15803D",
        new("admin@globex.example", "GlobexDemo!2026", "Gus Globex"));
}
