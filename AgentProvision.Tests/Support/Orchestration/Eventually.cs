namespace AgentProvision.Tests.Support.Orchestration;

/// <summary>Waits for something the engine does in the background; fails with what was last seen.</summary>
public static class Eventually
{
    public static async Task<T> MatchAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        T last;
        do
        {
            last = await read();
            if (done(last))
            {
                return last;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"Gave up waiting until {what}; last seen: {last}");
    }
}
