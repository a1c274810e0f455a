using StackExchange.Redis;

namespace AgentProvision.Infrastructure.Orchestration.Transport;

/// <summary>The stream's consumer group, seen from one instance: creating it, and taking over what stopped instances left.</summary>
internal sealed class RedisQueueGroup(IDatabase db, RedisTransportOptions options, string consumer)
{
    private const int ClaimPageSize = 100;

    /// <summary>Creates the group (and the stream) unless another instance already did.</summary>
    public async Task EnsureCreatedAsync()
    {
        try
        {
            // From the stream's start, not its end: notices written before the first dispatcher started are not lost.
            await db.StreamCreateConsumerGroupAsync(options.QueueStream, options.ConsumerGroup, StreamPosition.Beginning, createStream: true);
        }
        catch (RedisServerException error) when (error.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
        }
    }

    /// <summary>
    /// Takes over notices another consumer read but never handed out (its instance stopped between the read and the
    /// hand-out) and forgets consumers that left nothing behind: consumer names are per process, so every restart
    /// leaves one. Only notices are recovered here; a stopped instance's running tasks come back through the
    /// database's lease sweep.
    /// </summary>
    public async Task<IReadOnlyList<StreamEntry>> ClaimStrandedAsync()
    {
        var claimed = new List<StreamEntry>();
        var idle = (long)options.StrandedNoticeIdle.TotalMilliseconds;
        RedisValue cursor = "0-0";
        // Bounded: the stream itself is trimmed to about QueueMaxLength notices.
        for (var page = 0; page <= options.QueueMaxLength / ClaimPageSize; page++)
        {
            var result = await db.StreamAutoClaimAsync(options.QueueStream, options.ConsumerGroup, consumer, idle, cursor, ClaimPageSize);
            claimed.AddRange(result.ClaimedEntries);
            cursor = result.NextStartId;
            if (cursor == "0-0")
            {
                break;
            }
        }

        foreach (var departed in await db.StreamConsumerInfoAsync(options.QueueStream, options.ConsumerGroup))
        {
            // Deleting a live consumer with nothing pending is harmless: its next read creates it again.
            if (departed.Name != consumer && departed.PendingMessageCount == 0 && departed.IdleTimeInMilliseconds > idle)
            {
                await db.StreamDeleteConsumerAsync(options.QueueStream, options.ConsumerGroup, departed.Name);
            }
        }

        return claimed;
    }
}
