using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using AgentProvision.Tests.Support;

namespace AgentProvision.Tests.Health;

public class HealthEndpointsShould
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnswerLivenessAndReadinessWithoutSignIn()
    {
        await using var app = new AppFactory();
        var client = app.ClientFor("localhost");

        (await client.GetAsync("/health/live", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ready = await client.GetAsync("/health/ready", Ct);

        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(Ct)).RootElement;
        report.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().ShouldBe("Healthy");
        report.GetProperty("checks").TryGetProperty("redis", out _).ShouldBeFalse("Redis is not configured");
    }

    [Fact]
    public async Task StartInDevelopmentWhereEveryServiceIsValidatedAtStart()
    {
        // The README's run command starts the app in Development, where the host checks that every registered service
        // can be built (a service that needs Redis must not be registered so that the default, Redis-less setup fails).
        await using var app = new AppFactory().InDevelopment();

        (await app.ClientFor("localhost").GetAsync("/health/ready", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ReportARealRedisAsReady()
    {
        await using var app = AppFactory.With(("Redis:ConnectionString", RedisServer.Require()));

        var ready = await app.ClientFor("localhost").GetAsync("/health/ready", Ct);

        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        var redis = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("checks").GetProperty("redis");
        redis.GetProperty("status").GetString().ShouldBe("Healthy");
        redis.GetProperty("description").GetString()!.ShouldStartWith("PING");
    }

    [Fact]
    public async Task ReportNotReadyWhenRedisDoesNotAnswer()
    {
        await using var app = AppFactory.With(("Redis:ConnectionString", $"127.0.0.1:{ClosedPort()},connectTimeout=500,syncTimeout=500"));
        var client = app.ClientFor("localhost");

        var ready = await client.GetAsync("/health/ready", Ct);

        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await client.GetAsync("/health/live", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
