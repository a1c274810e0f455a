using System.ComponentModel;
using System.Text.Json;
using AgentProvision.Core.Memory;
using Microsoft.Extensions.AI;

namespace AgentProvision.Infrastructure.Memory;

/// <summary>
/// The <c>remember</c> and <c>recall</c> tools of one agent, bound to the task it is working on (the memory's source
/// and thread). A rule broken by the arguments comes back to the model as an error text it can correct, not as a failure.
/// </summary>
public sealed class MemoryTools(IMemoryService memory, Guid agentId, Guid? taskId, string? thread)
{
    public const string Remember = "remember";
    public const string Recall = "recall";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IReadOnlyList<AIFunction> All() =>
    [
        AIFunctionFactory.Create(RememberAsync, Remember,
            "Store something worth knowing later (a fact, a preference, how something is done). It is kept across tasks and found again by recall."),
        AIFunctionFactory.Create(RecallAsync, Recall,
            "Search what you remember for anything relevant to a question; returns the best matches, most relevant first."),
    ];

    public async Task<string> RememberAsync(
        [Description("What to remember, self-contained (who, what, when), 1 to 8,000 characters.")] string content,
        [Description("One of fact, experience, skill, preference, relationship, procedure. Defaults to fact.")] string? type = null,
        [Description("How much it matters, 0 to 1. Defaults to 0.5.")] double? importance = null,
        [Description("Days until it no longer holds, if it is temporary.")] double? expiresInDays = null,
        CancellationToken cancellationToken = default)
    {
        if (!TryParse(type, MemoryType.Fact, out MemoryType memoryType))
        {
            return $"Error: type must be one of {string.Join(", ", Enum.GetNames<MemoryType>().Select(n => n.ToLowerInvariant()))}.";
        }

        if (expiresInDays is <= 0 or > 3650)
        {
            return "Error: expiresInDays is between 0 and 3,650.";
        }

        try
        {
            var expires = expiresInDays is { } days ? DateTimeOffset.UtcNow.AddDays(days) : (DateTimeOffset?)null;
            var stored = await memory.RememberAsync(new RememberInput(agentId, content, memoryType, importance ?? 0.5, MemorySource.Observation, taskId,
                expires, thread), cancellationToken);
            return JsonSerializer.Serialize(new { remembered = stored.Id, stored.Content }, Json);
        }
        catch (MemoryException error)
        {
            return $"Error: {error.Message}";
        }
    }

    public async Task<string> RecallAsync(
        [Description("What you want to know, as a question or keywords.")] string query,
        [Description("How many memories to return, 1 to 20. Defaults to 5.")] int? limit = null,
        [Description("Only memories of this type (fact, experience, skill, preference, relationship, procedure).")] string? type = null,
        CancellationToken cancellationToken = default)
    {
        if (limit is < 1 or > 20)
        {
            return "Error: limit is 1 to 20.";
        }

        MemoryFilter? filter = null;
        if (type is not null)
        {
            if (!TryParse(type, MemoryType.Fact, out MemoryType memoryType))
            {
                return $"Error: type must be one of {string.Join(", ", Enum.GetNames<MemoryType>().Select(n => n.ToLowerInvariant()))}.";
            }

            filter = new MemoryFilter(Types: [memoryType]);
        }

        try
        {
            var result = await memory.RecallAsync(new RecallInput(agentId, query, limit ?? 5, filter), cancellationToken);
            return result.Memories.Count == 0
                ? "Nothing relevant is remembered."
                : JsonSerializer.Serialize(result.Memories.Select(m => new
                {
                    m.Memory.Content,
                    type = m.Memory.Type.ToString().ToLowerInvariant(),
                    remembered = m.Memory.CreatedAt.ToString("yyyy-MM-dd"),
                    relevance = Math.Round(m.Score.Total, 2),
                }), Json);
        }
        catch (MemoryException error)
        {
            return $"Error: {error.Message}";
        }
    }

    private static bool TryParse<T>(string? text, T fallback, out T value) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            value = fallback;
            return true;
        }

        return Enum.TryParse(text.Trim().Replace("_", string.Empty), ignoreCase: true, out value) && Enum.IsDefined(value);
    }
}
