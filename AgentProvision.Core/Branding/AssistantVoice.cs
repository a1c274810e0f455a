namespace AgentProvision.Core.Branding;

/// <summary>
/// The tenant's AI assistant as its people know it (design §5.1 ai_assistant_name, ai_assistant_persona): whatever
/// the assistant says to them, agents' answers included, speaks under this name and in this persona.
/// </summary>
public sealed record AssistantVoice(string CompanyName, string AssistantName, string? PersonaJson)
{
    public static AssistantVoice From(TenantBranding branding) =>
        new(branding.CompanyName, branding.AiAssistantName, branding.AiAssistantPersona);
}
