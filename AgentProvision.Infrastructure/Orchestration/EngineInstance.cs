namespace AgentProvision.Infrastructure.Orchestration;

/// <summary>Names this process among the instances sharing one database and one Redis (lease owner, stream consumer).</summary>
public sealed class EngineInstance
{
    public string Id { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
}
