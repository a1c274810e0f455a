namespace AgentProvision.Core.Llm;

/// <summary>Encrypts bring-your-own keys at rest. A ciphertext is bound to its tenant and cannot be read by another.</summary>
public interface IApiKeyProtector
{
    string Protect(Guid tenantId, string apiKey);

    string Unprotect(Guid tenantId, string protectedKey);
}
