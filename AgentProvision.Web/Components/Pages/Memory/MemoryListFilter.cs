using AgentProvision.Core.Memory;

namespace AgentProvision.Web.Components.Pages.Memory;

/// <summary>What the inspector's filter bar holds; dates are whole UTC days as the pickers give them.</summary>
public sealed record MemoryListFilter(
    string? Search = null,
    IReadOnlyCollection<MemoryType>? Types = null,
    IReadOnlyCollection<MemorySource>? Sources = null,
    double MinImportance = 0,
    DateTime? CreatedFrom = null,
    DateTime? CreatedTo = null,
    bool IncludeExpired = false,
    MemorySort Sort = MemorySort.Newest)
{
    public static MemoryListFilter None { get; } = new();

    /// <summary>Anything that can hide a memory (the sort cannot), so an empty list can say whether it is empty or filtered.</summary>
    public bool Narrows => !string.IsNullOrWhiteSpace(Search) || Types is { Count: > 0 } || Sources is { Count: > 0 } || MinImportance > 0
        || CreatedFrom is not null || CreatedTo is not null;

    public MemoryListQuery ToQuery(int skip, int take) => new(
        string.IsNullOrWhiteSpace(Search) ? null : Search.Trim(),
        new MemoryFilter(
            Types is { Count: > 0 } ? Types : null,
            Sources is { Count: > 0 } ? Sources : null,
            MinImportance > 0 ? MinImportance : null,
            CreatedFrom is { } from ? new DateTimeOffset(from.Date, TimeSpan.Zero) : null,
            // "To" is inclusive: the whole of that day.
            CreatedTo is { } to ? new DateTimeOffset(to.Date.AddDays(1), TimeSpan.Zero) : null,
            IncludeExpired),
        Sort,
        skip,
        take);
}
