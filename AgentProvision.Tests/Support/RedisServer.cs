namespace AgentProvision.Tests.Support;

/// <summary>
/// The throwaway redis-server that the test command starts; its address comes in REDIS_URL. Run outside the test
/// command, Redis tests are skipped with that reason printed, never passed silently.
/// </summary>
public static class RedisServer
{
    public static string Require()
    {
        var url = Environment.GetEnvironmentVariable("REDIS_URL");
        if (string.IsNullOrWhiteSpace(url))
        {
            Assert.Skip("REDIS_URL is not set: run the README's test command, which starts a redis-server for these tests.");
        }

        return url;
    }
}
