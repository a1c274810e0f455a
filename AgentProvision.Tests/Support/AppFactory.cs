using AgentProvision.Core.Tenancy;
using AgentProvision.Web.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Security.Claims;

namespace AgentProvision.Tests.Support;

/// <summary>
/// The real host (migrations, seed, middleware, endpoints) on a fresh SQLite file per factory. Extra configuration
/// (for example a Redis connection) is passed as key/value pairs.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "agentprovision-tests", Guid.NewGuid().ToString("N"));
    private (string Key, string? Value)[] _settings = [];
    private Action<IServiceCollection>? _services;
    private string _environment = "Production";

    public static AppFactory With(params (string Key, string? Value)[] settings) => new() { _settings = settings };

    /// <summary>Replaces platform services the host cannot control in a test, such as the clock.</summary>
    public AppFactory WithServices(Action<IServiceCollection> configure)
    {
        _services = configure;
        return this;
    }

    /// <summary>Runs the host as `dotnet run` does on a developer's machine: Development, which validates every service at start.</summary>
    public AppFactory InDevelopment()
    {
        _environment = "Development";
        return this;
    }

    /// <summary>The folder holding this host's database; a second host given it as Storage:DataPath shares the database.</summary>
    public string DataPath => _settings.LastOrDefault(s => s.Key == "Storage:DataPath").Value ?? _dataPath;

    /// <summary>Every log message the host writes, at the levels configuration lets through.</summary>
    public LogCollector Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("Storage:DataPath", _dataPath);
        builder.UseSetting("Tenancy:BaseDomains:0", "localhost");
        // Tests build the teams they need; the demo team would only get in their way.
        builder.UseSetting("Seed:DemoTeams", "false");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        if (_services is { } configure)
        {
            builder.ConfigureTestServices(configure);
        }
    }

    public HttpClient ClientFor(string host, bool followRedirects = false)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri($"http://{host}"),
            AllowAutoRedirect = followRedirects,
            HandleCookies = true,
        });
        return client;
    }

    /// <summary>A DI scope bound to a tenant and acting as the given user, as a request or circuit would be.</summary>
    public async Task<AsyncServiceScope> ScopeAsync(string tenantIdentifier, Guid? userId = null, params string[] roles)
    {
        var scope = Services.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<ITenantStore>().GetByIdentifierAsync(tenantIdentifier)
            ?? throw new InvalidOperationException($"No tenant {tenantIdentifier}.");
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, (userId ?? Guid.NewGuid()).ToString()), new(ClaimTypes.Name, "test admin") };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        scope.ServiceProvider.GetRequiredService<CurrentUser>()
            .Set(new ClaimsPrincipal(new ClaimsIdentity(claims, "test")), "127.0.0.1");
        return scope;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
