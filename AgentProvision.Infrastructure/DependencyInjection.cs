using AgentProvision.Core.Audit;
using AgentProvision.Core.Branding;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Audit;
using AgentProvision.Infrastructure.Branding;
using AgentProvision.Infrastructure.Health;
using AgentProvision.Infrastructure.Identity;
using AgentProvision.Core.Llm;
using AgentProvision.Infrastructure.Llm;
using AgentProvision.Infrastructure.Orchestration;
using AgentProvision.Infrastructure.Memory.HotContext;
using AgentProvision.Infrastructure.Memory;
using AgentProvision.Infrastructure.Memory.Vectors;
using AgentProvision.Infrastructure.Llm.Budgets;
using AgentProvision.Infrastructure.Llm.Catalog;
using AgentProvision.Infrastructure.Llm.Configs;
using AgentProvision.Infrastructure.Llm.Usage;
using AgentProvision.Infrastructure.Llm.Credentials;
using AgentProvision.Infrastructure.Llm.Embeddings;
using AgentProvision.Infrastructure.Llm.Providers;
using AgentProvision.Infrastructure.Llm.Resilience;
using AgentProvision.Infrastructure.Llm.Routing;
using Microsoft.Extensions.AI;
using AgentProvision.Infrastructure.Persistence;
using AgentProvision.Infrastructure.Seeding;
using AgentProvision.Infrastructure.Tenancy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AgentProvision.Infrastructure;

public static class DependencyInjection
{
    public static IHostApplicationBuilder AddInfrastructure(this IHostApplicationBuilder builder)
    {
        builder.AddPersistence();
        builder.Services.AddTenancyStores();
        builder.Services.AddIdentityStores();
        builder.Services.AddScoped<IAuditLog, AuditLog>();
        builder.Services.AddScoped<IBrandingReader, BrandingReader>();
        builder.Services.AddScoped<AgentProvision.Core.Agents.ITeamService, AgentProvision.Infrastructure.Agents.TeamService>();
        builder.AddRedis();
        builder.Services.AddLlm();
        builder.Services.AddLocalEmbeddings();
        AgentProvision.Infrastructure.Memory.Embeddings.TenantEmbeddingsRegistration.AddTenantEmbeddings(builder.Services);
        AgentProvision.Infrastructure.Compliance.ComplianceRegistration.AddCompliance(builder.Services);
        builder.Services.AddOrchestration();
        builder.Services.AddHotContext();
        builder.Services.AddMemoryVectors();
        AgentProvision.Infrastructure.Knowledge.KnowledgeRegistration.AddKnowledgeGraph(builder.Services);
        builder.Services.AddMemory();
        AgentProvision.Infrastructure.Features.FeaturesRegistration.AddTenantFeatures(builder.Services);
        builder.Services.AddBrandingEditor();
        AgentProvision.Infrastructure.Domains.DomainsRegistration.AddCustomDomains(builder.Services);
        AgentProvision.Infrastructure.Analytics.AnalyticsRegistration.AddAnalytics(builder.Services);
        builder.Services.AddScoped<AgentProvision.Core.Templates.IIndustryTemplates, AgentProvision.Infrastructure.Templates.IndustryTemplates>();
        return builder;
    }

    private static void AddLlm(this IServiceCollection services)
    {
        services.AddOptions<LlmOptions>().BindConfiguration(LlmOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddLlmHttpClient();
        services.AddSingleton<PlatformKeys>();
        services.AddSingleton<IApiKeyProtector, DataProtectionApiKeyProtector>();
        services.AddSingleton<ProviderChatClientFactory>();
        services.AddScoped<IBudgetLedger, EfBudgetLedger>();
        services.AddScoped<CallPlanner>();
        services.AddScoped<UsageRecorder>();
        services.AddScoped<RoutedChatClient>();
        // The tenant's chat client: routed, budgeted and metered. Scoped, because it belongs to the scope's tenant.
        services.AddScoped<IChatClient>(sp => sp.GetRequiredService<RoutedChatClient>());
        services.AddScoped<ILlmConfigService, LlmConfigService>();
        services.AddScoped<ILlmCatalog, LlmCatalog>();
        services.AddScoped<ILlmUsageQueries, LlmUsageQueries>();
        services.AddSingleton<IUsageNotifier, UsageNotifier>();
    }

    private static void AddPersistence(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();

        var database = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new();
        var dataPath = DataPath(builder);
        services.AddSingleton(new DataFolder(dataPath));
        if (database.Provider == DatabaseOptions.SqlServer)
        {
            var connectionString = database.ConnectionString
                ?? throw new InvalidOperationException("Database:ConnectionString is required when Database:Provider is SqlServer.");
            services.AddAppDbContext<SqlServerAppDbContext>(o => o.UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure()));
        }
        else
        {
            Directory.CreateDirectory(dataPath);
            var connectionString = database.ConnectionString ?? $"Data Source={Path.Combine(dataPath, "agentprovision.db")}";
            services.AddAppDbContext<SqliteAppDbContext>(o => o.UseSqlite(connectionString));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<DatabaseInitializer>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<DemoLlmSetup>();
        services.AddScoped<LlmCatalogImporter>();
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: ["ready"]);
        var dataProtection = services.AddDataProtection()
            .SetApplicationName("AgentProvision")
            .PersistKeysToDbContext<AppDbContext>();
        var keyRing = builder.Configuration.GetSection(KeyRingOptions.SectionName).Get<KeyRingOptions>() ?? new();
        if (!string.IsNullOrWhiteSpace(keyRing.CertificatePath))
        {
            dataProtection.ProtectKeysWithCertificate(
                System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(keyRing.CertificatePath, keyRing.CertificatePassword));
        }
    }

    /// <summary>Registers one provider's context under the provider-neutral <see cref="AppDbContext"/> type.</summary>
    private static void AddAppDbContext<TContext>(this IServiceCollection services, Action<DbContextOptionsBuilder> configure)
        where TContext : AppDbContext
    {
        services.AddDbContextFactory<TContext>(configure, ServiceLifetime.Scoped);
        services.AddScoped<IDbContextFactory<AppDbContext>, DbContextFactoryAdapter<TContext>>();
        services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<TContext>());
    }

    private static void AddTenancyStores(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddScoped<TenantContext>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        services.AddScoped<EfTenantStore>();
        services.AddScoped<CachedTenantStore>();
        services.AddScoped<ITenantStore>(sp => sp.GetRequiredService<CachedTenantStore>());
        services.AddScoped<ITenantCache>(sp => sp.GetRequiredService<CachedTenantStore>());
        services.AddScoped<ITenantAdministration, TenantAdministration>();
    }

    private static void AddIdentityStores(this IServiceCollection services)
    {
        services.AddIdentityCore<AppUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.SignIn.RequireConfirmedAccount = true;
            })
            .AddRoles<AppRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddUserStore<AppUserStore>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddScoped<IUserConfirmation<AppUser>, AppUserConfirmation>();
        // Invitation links are password-reset tokens; give people a few days to accept.
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(3));
        services.AddScoped<IUserDirectory, UserDirectory>();
    }

    private static void AddRedis(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.SectionName);
        var redis = builder.Configuration.GetSection(RedisOptions.SectionName).Get<RedisOptions>() ?? new();
        if (!redis.IsConfigured)
        {
            return;
        }

        builder.Services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var configuration = ConfigurationOptions.Parse(sp.GetRequiredService<IOptions<RedisOptions>>().Value.ConnectionString!);
            // Start even while Redis is down; readiness reports it instead.
            configuration.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(configuration);
        });
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
    }

    private static string DataPath(IHostApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>()?.DataPath ?? "data";
        return Path.GetFullPath(Path.IsPathRooted(configured)
            ? configured
            : Path.Combine(builder.Environment.ContentRootPath, configured));
    }

    private sealed class DbContextFactoryAdapter<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<AppDbContext>
        where TContext : AppDbContext
    {
        public AppDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<AppDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }
}
