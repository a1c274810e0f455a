namespace AgentProvision.Core.Memory;

/// <summary>
/// Tier 1 of agent memory: the last few messages and the current task context per agent and session. Everything of a
/// session expires together, <see cref="HotContextOptions.Ttl"/> after its last write; reads do not extend it.
/// </summary>
public interface IHotContextStore
{
    /// <summary>Adds a message, drops the oldest beyond <see cref="HotContextOptions.MaxMessages"/>, and refreshes the TTL.</summary>
    /// <exception cref="ArgumentException">The message content is longer than <see cref="HotContextOptions.MaxMessageLength"/>.</exception>
    Task AppendAsync(HotContextKey key, HotContextMessage message, CancellationToken cancellationToken = default);

    /// <summary>The recent messages, oldest first; empty when the session is unknown or has expired.</summary>
    Task<IReadOnlyList<HotContextMessage>> RecentAsync(HotContextKey key, CancellationToken cancellationToken = default);

    /// <summary>Replaces the task context (a JSON document) and refreshes the TTL.</summary>
    /// <exception cref="ArgumentException">The text is not JSON, or is longer than <see cref="HotContextOptions.MaxTaskContextLength"/>.</exception>
    Task SetTaskContextAsync(HotContextKey key, string taskContextJson, CancellationToken cancellationToken = default);

    /// <summary>The messages and the task context together; <see cref="HotContextSnapshot.Empty"/> when there is nothing.</summary>
    Task<HotContextSnapshot> GetAsync(HotContextKey key, CancellationToken cancellationToken = default);

    /// <summary>Forgets the session's messages and task context.</summary>
    Task ClearAsync(HotContextKey key, CancellationToken cancellationToken = default);
}
