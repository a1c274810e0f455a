using AgentProvision.Core.Memory;
using StackExchange.Redis;

namespace AgentProvision.Infrastructure.Memory.HotContext;

/// <summary>
/// The Redis keys of one session's hot context. The braces are a cluster hash tag: both keys of a session land on the
/// same slot, so one transaction can touch them together.
/// </summary>
internal static class RedisHotContextKeys
{
    public const string Prefix = "agentprovision:hot";

    public static RedisKey Messages(HotContextKey key) => $"{Session(key)}:messages";

    public static RedisKey TaskContext(HotContextKey key) => $"{Session(key)}:task";

    private static string Session(HotContextKey key) => $"{Prefix}:{{{key.TenantId:D}:{key.AgentId:D}:{key.SessionId}}}";
}
