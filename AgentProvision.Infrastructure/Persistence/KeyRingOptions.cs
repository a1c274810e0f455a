namespace AgentProvision.Infrastructure.Persistence;

/// <summary>
/// The Data Protection key ring lives in the database so every instance can decrypt. In production it should itself
/// be encrypted: give a PFX certificate (mounted secret) and every key is wrapped with it before it is stored.
/// </summary>
public sealed class KeyRingOptions
{
    public const string SectionName = "DataProtection";

    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}
