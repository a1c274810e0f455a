using AgentProvision.Core.Memory;

namespace AgentProvision.Infrastructure.Memory;

/// <summary>One reading of <see cref="MemoryFilter"/> for the inspector's list and for recall.</summary>
internal static class MemoryFilters
{
    public static IQueryable<AgentMemory> Apply(IQueryable<AgentMemory> memories, MemoryFilter? filter, DateTimeOffset now)
    {
        filter ??= new MemoryFilter();
        if (filter.Types is { Count: > 0 } types)
        {
            memories = memories.Where(m => types.Contains(m.MemoryType));
        }

        if (filter.Sources is { Count: > 0 } sources)
        {
            memories = memories.Where(m => sources.Contains(m.Source));
        }

        if (filter.MinImportance is { } minimum)
        {
            memories = memories.Where(m => m.Importance >= minimum);
        }

        if (filter.CreatedAfter is { } after)
        {
            memories = memories.Where(m => m.CreatedAt >= after);
        }

        if (filter.CreatedBefore is { } before)
        {
            memories = memories.Where(m => m.CreatedAt < before);
        }

        if (!filter.IncludeExpired)
        {
            memories = memories.Where(m => m.ExpiresAt == null || m.ExpiresAt > now);
        }

        return memories;
    }

    public static bool IsNarrowing(MemoryFilter? filter) =>
        filter is not null && (filter.Types is { Count: > 0 } || filter.Sources is { Count: > 0 } || filter.MinImportance is not null
            || filter.CreatedAfter is not null || filter.CreatedBefore is not null);
}
