using System.Threading.Channels;
using AgentProvision.Core.Orchestration;

namespace AgentProvision.Infrastructure.Orchestration.Transport;

/// <summary>The default: wake-ups stay in this process.</summary>
internal sealed class InProcessTaskQueue : ITaskQueue
{
    private readonly Channel<Guid> _notices = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = false });

    public Task EnqueueAsync(Guid tenantId, CancellationToken cancellationToken = default)
    {
        _notices.Writer.TryWrite(tenantId);
        return Task.CompletedTask;
    }

    public ValueTask<Guid> DequeueAsync(CancellationToken cancellationToken) => _notices.Reader.ReadAsync(cancellationToken);
}
