using AgentProvision.Core.Orchestration;
using AgentProvision.Infrastructure.Orchestration.Transport;
using AgentProvision.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static AgentProvision.Tests.Orchestration.Transport.RedisTransportKit;

namespace AgentProvision.Tests.Orchestration.Transport;

public class RedisTransportRegistrationShould
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CarryTheEngineOverRedisWhenTheTransportIsRedis()
    {
        var options = UniqueOptions();
        await using var app = AppFactory.With(
            ("Redis:ConnectionString", RedisServer.Require()),
            ("Orchestration:Transport", "Redis"),
            ("Orchestration:Redis:EventsChannel", options.EventsChannel),
            ("Orchestration:Redis:QueueStream", options.QueueStream));

        var events = app.Services.GetRequiredService<ITaskEvents>().ShouldBeOfType<RedisTaskEvents>();
        app.Services.GetRequiredService<ITaskQueue>().ShouldBeOfType<RedisTaskQueue>();
        // Subscribed at start, before any page asked for events.
        await events.Subscribed.WaitAsync(Generous, Ct);
    }

    [Fact]
    public async Task StayInProcessByDefault()
    {
        await using var app = new AppFactory();

        app.Services.GetRequiredService<ITaskEvents>().ShouldBeOfType<InProcessTaskEvents>();
        app.Services.GetRequiredService<ITaskQueue>().ShouldBeOfType<InProcessTaskQueue>();
    }

    [Fact]
    public async Task RefuseToStartARedisTransportWithoutRedis()
    {
        await using var app = AppFactory.With(("Orchestration:Transport", "Redis"));

        var error = Should.Throw<Exception>(() => app.Services);

        error.ToString().ShouldContain("Orchestration:Transport is Redis but Redis:ConnectionString is not set");
    }
}
