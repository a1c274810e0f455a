using System.Text;
using System.Text.Json;
using AgentProvision.Core.Agents;
using AgentProvision.Core.Branding;
using Microsoft.Extensions.AI;

namespace AgentProvision.Core.Orchestration;

/// <summary>A message an agent saw earlier in this task, for the conversation part of its prompt.</summary>
public sealed record PriorMessage(string From, MessageType Type, string Content);

/// <summary>
/// Builds an agent's turn (design §2, data flow step 2): a system message with persona, role, team goal and shared
/// context, the voice of the tenant's assistant, good examples of the skills the task calls on, then the task and the
/// messages exchanged so far.
/// Persona JSON fields are rendered as plain sentences; unknown fields are kept as "key: value" lines.
/// </summary>
public static class AgentPrompt
{
    private const int MaxExamplesPerSkill = 2;

    public static IReadOnlyList<ChatMessage> Build(Agent agent, AgentGroup team, AgentTask task, IReadOnlyList<AgentSkill> skills,
        IReadOnlyList<PriorMessage> history, AssistantVoice? voice = null)
    {
        var system = new StringBuilder();
        system.AppendLine($"You are {agent.Name}, the {agent.Role} of the team \"{team.Name}\".");
        if (voice is not null)
        {
            system.AppendLine($"You work within {voice.AssistantName}, the AI assistant of {voice.CompanyName}: what people read from you is said as {voice.AssistantName}.");
            AppendObject(system, $"{voice.AssistantName}'s voice", voice.PersonaJson);
        }

        if (agent.Description is { } description)
        {
            system.AppendLine(description);
        }

        AppendObject(system, "Your manner", agent.Personality);
        system.AppendLine($"The team's goal: {team.Goal}");
        AppendObject(system, "What the whole team knows", team.SharedContext);
        if (agent.Capabilities.Count > 0)
        {
            system.AppendLine($"You can: {string.Join(", ", agent.Capabilities)}.");
        }

        foreach (var skill in skills.Where(s => s.Examples.Count > 0))
        {
            system.AppendLine($"Good examples of your {skill.SkillName.Replace('_', ' ')} work:");
            foreach (var example in skill.Examples.Take(MaxExamplesPerSkill))
            {
                system.AppendLine($"- {example}");
            }
        }

        system.AppendLine("Work only on your task. Use the tools to delegate parts, consult a peer, or escalate to your supervisor when you cannot finish well.");
        var messages = new List<ChatMessage> { new(ChatRole.System, system.ToString().TrimEnd()) };
        var request = new StringBuilder($"Your task ({task.TaskType}, {task.Priority.ToString().ToLowerInvariant()} priority): {task.Objective}");
        AppendObject(request.AppendLine(), "Context", task.Context);
        messages.Add(new ChatMessage(ChatRole.User, request.ToString().TrimEnd()));
        messages.AddRange(history.Select(m => new ChatMessage(ChatRole.User, $"[{m.Type} from {m.From}] {m.Content}")));
        return messages;
    }

    private static void AppendObject(StringBuilder builder, string heading, string? json)
    {
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        var lines = JsonPairs.Of(document.RootElement, includeNulls: true).ToList();
        if (lines.Count > 0)
        {
            builder.AppendLine($"{heading}: {string.Join("; ", lines)}.");
        }
    }
}
