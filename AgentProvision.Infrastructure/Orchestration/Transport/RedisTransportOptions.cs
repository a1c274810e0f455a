using System.ComponentModel.DataAnnotations;

namespace AgentProvision.Infrastructure.Orchestration.Transport;

/// <summary>Names and timings of the Redis transport (section "Orchestration:Redis"), used when Orchestration:Transport is Redis.</summary>
public sealed class RedisTransportOptions
{
    public const string SectionName = "Orchestration:Redis";

    /// <summary>The pub/sub channel every instance publishes its task events to.</summary>
    [Required]
    public string EventsChannel { get; set; } = "agentprovision:task-events";

    /// <summary>The stream holding the dispatchers' wake-up notices.</summary>
    [Required]
    public string QueueStream { get; set; } = "agentprovision:task-queue";

    /// <summary>The consumer group all instances read the stream in, so each notice wakes one of them.</summary>
    [Required]
    public string ConsumerGroup { get; set; } = "dispatchers";

    /// <summary>How long a dispatcher waits before looking again when the stream has nothing for it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan EmptyQueueDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Notices read at once. One spreads wake-ups most evenly across instances; more saves round trips.</summary>
    [Range(1, 100)]
    public int ReadBatchSize { get; set; } = 1;

    /// <summary>The stream is trimmed to about this many notices; older ones were long acted on or are moot.</summary>
    [Range(100, 10_000_000)]
    public int QueueMaxLength { get; set; } = 10_000;

    /// <summary>A notice read but not handed out for this long belonged to an instance that stopped; another takes it over.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan StrandedNoticeIdle { get; set; } = TimeSpan.FromSeconds(30);
}
