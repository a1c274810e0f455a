using System.Security.Claims;
using AgentProvision.Core.Orchestration;
using AgentProvision.Core.Tenancy;
using AgentProvision.Web.Components;
using AgentProvision.Web.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentProvision.Bench.Orchestration;

/// <summary>
/// The real application host (migrations, seed, the task engine) in this process on a fresh SQLite file in the temp
/// folder, its task events stamped at publication (<see cref="TransitionClock"/>). Its warnings and errors are collected
/// (<see cref="HostLog"/>) and listed after the figures rather than among them. The factory is keyed by the web
/// assembly's root component rather than its Program, which would clash with the bench's own.
/// </summary>
internal sealed class BenchHost(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<App>
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "agentprovision-bench", Guid.NewGuid().ToString("N"));

    /// <summary>The host's warnings and errors.</summary>
    public HostLog Log { get; } = new();

    /// <summary>The SQLite file, where the app puts it in its data folder.</summary>
    public string DatabaseFile => Path.Combine(_dataPath, "agentprovision.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Storage:DataPath", _dataPath);
        builder.UseSetting("Tenancy:BaseDomains:0", "localhost");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        // Every publication goes through the clock first; the transport underneath is the configured one.
        builder.ConfigureTestServices(services =>
        {
            var transport = services.Last(d => d.ServiceType == typeof(ITaskEvents)).ImplementationFactory!;
            services.AddSingleton(sp => new TransitionClock((ITaskEvents)transport(sp)));
            services.AddSingleton<ITaskEvents>(sp => sp.GetRequiredService<TransitionClock>());
        });
        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(Log));
    }

    /// <summary>A DI scope bound to a tenant and acting as a signed-in person with <paramref name="role"/>, as a circuit would be.</summary>
    public async Task<AsyncServiceScope> ScopeAsync(string tenantIdentifier, string role)
    {
        var scope = Services.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<ITenantStore>().GetByIdentifierAsync(tenantIdentifier)
            ?? throw new InvalidOperationException($"No tenant {tenantIdentifier}.");
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        var person = new ClaimsIdentity(
            [new(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()), new(ClaimTypes.Name, "bench operator"), new(ClaimTypes.Role, role)], "bench");
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(new ClaimsPrincipal(person), "127.0.0.1");
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
