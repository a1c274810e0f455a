using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentProvision.Core.Agents;

namespace AgentProvision.Web.Components.Pages.Agents;

/// <summary>The agent form: persona fields become the personality JSON the prompts are built from.</summary>
public sealed class AgentForm
{
    public Guid? Id { get; set; }

    [Required(ErrorMessage = "Name the agent."), StringLength(80)]
    public string Name { get; set; } = string.Empty;

    [Required(ErrorMessage = "Give the agent a role."), StringLength(80)]
    public string Role { get; set; } = string.Empty;

    public string? Description { get; set; }
    public string? Capabilities { get; set; }
    public string? Tone { get; set; }
    public string? Style { get; set; }
    public string? Approach { get; set; }
    public AutonomyLevel Autonomy { get; set; } = AutonomyLevel.Supervised;

    [Range(0, 10, ErrorMessage = "Between 0 and 10.")]
    public int Depth { get; set; } = 2;

    public Guid? LlmConfigId { get; set; }
    public string MemoryConfig { get; set; } = "{}";

    /// <summary>The stored personality, so keys this form does not show (set by a template, say) are kept.</summary>
    public string Personality { get; set; } = "{}";

    public AgentInput ToInput()
    {
        var persona = JsonNode.Parse(Personality) as JsonObject ?? [];
        foreach (var (key, value) in new[] { ("tone", Tone), ("style", Style), ("approach", Approach) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                persona.Remove(key);
            }
            else
            {
                persona[key] = value.Trim();
            }
        }

        var capabilities = (Capabilities ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new AgentInput(Id, Name, Role, Description, capabilities, persona.ToJsonString(), MemoryConfig, Autonomy, Depth, LlmConfigId);
    }

    public static AgentForm From(AgentView agent)
    {
        var persona = JsonNode.Parse(agent.Personality) as JsonObject ?? [];
        string? Field(string name) => persona[name]?.GetValueKind() == JsonValueKind.String ? persona[name]!.GetValue<string>() : null;
        return new AgentForm
        {
            Id = agent.Id,
            Name = agent.Name,
            Role = agent.Role,
            Description = agent.Description,
            Capabilities = string.Join(", ", agent.Capabilities),
            Tone = Field("tone"),
            Style = Field("style"),
            Approach = Field("approach"),
            Autonomy = agent.AutonomyLevel,
            Depth = agent.MaxDelegationDepth,
            LlmConfigId = agent.LlmConfigId,
            MemoryConfig = agent.MemoryConfig,
            Personality = agent.Personality,
        };
    }
}
