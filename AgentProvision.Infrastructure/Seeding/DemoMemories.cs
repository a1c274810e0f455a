using AgentProvision.Core.Agents;
using AgentProvision.Core.Memory;

namespace AgentProvision.Infrastructure.Seeding;

/// <summary>
/// A few things the demo team's agents already know, remembered through the memory service (so they are embedded,
/// indexed and recallable like any other memory) when a demo tenant is first seeded.
/// </summary>
internal static class DemoMemories
{
    public static async Task SeedAsync(IMemoryService memory, IReadOnlyCollection<Agent> team, CancellationToken cancellationToken)
    {
        var byName = team.ToDictionary(a => a.Name);
        var memories = new (string Agent, string Content, MemoryType Type, double Importance, MemorySource Source)[]
        {
            ("Mira", "Leadership wants answers as three bullet points, each with its source.", MemoryType.Preference, 0.9, MemorySource.UserFeedback),
            ("Mira", "Research questions about pricing go to Pia first; she owns the revenue data.", MemoryType.Procedure, 0.7, MemorySource.Training),
            ("Sam", "Maria Anders, head of purchasing at Northwind Traders, prefers e-mail to phone calls.", MemoryType.Preference, 0.8, MemorySource.Conversation),
            ("Sam", "Northwind Traders renews its contract every March, and legal reviews each renewal.", MemoryType.Fact, 0.7, MemorySource.Conversation),
            ("Sam", "Churn interviews get the most answers when booked within a week of the cancellation.", MemoryType.Procedure, 0.6, MemorySource.Observation),
            ("Pia", "Last quarter's churn analysis found onboarding gaps behind most cancellations.", MemoryType.Experience, 0.7, MemorySource.Inference),
            ("Pia", "Monthly churn is computed on accounts active on the first of the month, not on sign-ups.", MemoryType.Fact, 0.8, MemorySource.Training),
        };

        foreach (var (agent, content, type, importance, source) in memories)
        {
            if (byName.TryGetValue(agent, out var member))
            {
                await memory.RememberAsync(new RememberInput(member.Id, content, type, importance, source), cancellationToken);
            }
        }
    }
}
