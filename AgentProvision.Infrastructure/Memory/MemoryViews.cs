using System.Text.Json;
using AgentProvision.Core.Memory;

namespace AgentProvision.Infrastructure.Memory;

/// <summary>Maps memories to their views and writes their provenance entries in one JSON shape.</summary>
internal static class MemoryViews
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static MemoryView View(AgentMemory memory, int extraAccesses = 0, DateTimeOffset? accessedAt = null) =>
        new(memory.Id, memory.AgentId, memory.MemoryType, memory.Content, memory.Importance, memory.AccessCount + extraAccesses, memory.Source,
            memory.SourceTaskId, memory.ExpiresAt, memory.CreatedAt, accessedAt ?? memory.LastAccessedAt, memory.EmbeddingModel,
            Origins(memory.Provenance), memory.Thread);

    /// <summary>The provenance entry of a memory merged into another, or shared from another agent.</summary>
    public static string Origin(string kind, AgentMemory from, DateTimeOffset at) =>
        JsonSerializer.Serialize(new OriginEntry(kind, from.Id, from.AgentId, at), Json);

    /// <summary>The text a shared copy's provenance carries, so sharing the same memory twice is noticed.</summary>
    public static string SharedMarker(Guid memoryId) => $"\"kind\":\"shared\",\"memoryId\":\"{memoryId}\"";

    private static IReadOnlyList<MemoryOrigin> Origins(string provenance)
    {
        try
        {
            return JsonSerializer.Deserialize<List<OriginEntry>>(provenance, Json)?
                .Select(entry => new MemoryOrigin(entry.Kind, entry.MemoryId, entry.AgentId, entry.At)).ToList() ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private sealed record OriginEntry(string Kind, Guid MemoryId, Guid? AgentId, DateTimeOffset At);
}
