using System.ComponentModel.DataAnnotations;

namespace AgentProvision.Core.Memory;

/// <summary>Tier 1 memory settings (section "Memory:HotContext").</summary>
public sealed class HotContextOptions
{
    public const string SectionName = "Memory:HotContext";

    /// <summary>How many recent messages are kept per agent and session; older ones are dropped.</summary>
    [Range(1, 1000, ErrorMessage = "Memory:HotContext:MaxMessages is between 1 and 1000.")]
    public int MaxMessages { get; set; } = 10;

    /// <summary>How long a session's hot context lives after its last write.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "Memory:HotContext:Ttl is between 1 second and 7 days.")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The longest message content accepted, in characters.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Memory:HotContext:MaxMessageLength is between 1 and 1,000,000 characters.")]
    public int MaxMessageLength { get; set; } = 16_000;

    /// <summary>The longest task context JSON accepted, in characters.</summary>
    [Range(2, 1_000_000, ErrorMessage = "Memory:HotContext:MaxTaskContextLength is between 2 and 1,000,000 characters.")]
    public int MaxTaskContextLength { get; set; } = 64_000;
}
