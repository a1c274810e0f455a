using System.Security.Cryptography;
using AgentProvision.Core.Llm;
using Microsoft.AspNetCore.DataProtection;

namespace AgentProvision.Infrastructure.Llm.Credentials;

/// <summary>
/// Data Protection with the key ring in the database, so every instance and every restart can decrypt. The tenant id
/// is part of the purpose: a ciphertext copied into another tenant's row does not decrypt.
/// </summary>
internal sealed class DataProtectionApiKeyProtector(IDataProtectionProvider provider) : IApiKeyProtector
{
    private const string Purpose = "AgentProvision.Llm.ApiKey.v1";

    public string Protect(Guid tenantId, string apiKey) => Protector(tenantId).Protect(apiKey);

    public string Unprotect(Guid tenantId, string protectedKey)
    {
        try
        {
            return Protector(tenantId).Unprotect(protectedKey);
        }
        catch (CryptographicException)
        {
            // Say what to do; never echo the ciphertext.
            throw new LlmConfigurationException("The stored API key cannot be decrypted (the key ring changed or the key belongs to another tenant). Enter the key again.");
        }
    }

    private IDataProtector Protector(Guid tenantId) => provider.CreateProtector(Purpose, tenantId.ToString("N"));
}
