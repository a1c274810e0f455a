using AgentProvision.Core.Llm;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AgentProvision.Tests.Support;

/// <summary>A private in-memory SQLite database built by the real migrations; one open connection keeps it alive.</summary>
public sealed class SqliteDatabase : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public SqliteDatabase()
    {
        _connection.Open();
        using var db = Context(null);
        db.Database.Migrate();
    }

    public DbContextOptions<SqliteAppDbContext> Options =>
        new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(_connection).Options;

    /// <summary>A context bound to a tenant, or to none (which sees no tenant-owned rows and may not write them).</summary>
    public SqliteAppDbContext Context(TenantInfo? tenant)
    {
        var context = new TenantContext();
        if (tenant is not null)
        {
            context.Set(tenant);
        }

        return new SqliteAppDbContext(Options, context);
    }

    /// <summary>A tenant whose <paramref name="hosts"/> are verified custom domains.</summary>
    public TenantInfo AddTenant(string identifier, params string[] hosts)
    {
        var tenant = new Tenant(identifier, identifier.ToUpperInvariant());
        foreach (var host in hosts)
        {
            tenant.AddHost(host, DateTimeOffset.UtcNow).MarkVerified(DateTimeOffset.UtcNow);
        }

        using var db = Context(null);
        db.Tenants.Add(tenant);
        db.SaveChanges();
        return TenantInfo.From(tenant);
    }

    /// <summary>A provider and one chat model, as the catalog import would add them.</summary>
    public LlmModel AddModel(string provider, string modelId, decimal inputPer1M = 0.15m, decimal outputPer1M = 0.6m)
    {
        using var db = Context(null);
        var owner = db.LlmProviders.FirstOrDefault(p => p.Name == provider)
            ?? db.LlmProviders.Add(new LlmProvider(provider, provider, "http://127.0.0.1:1/v1", ApiStyles.OpenAiCompatible,
                LlmAuthType.ApiKey, ["chat_completions"], null)).Entity;
        var model = new LlmModel(owner, modelId, new CatalogFacts(modelId, 128_000, 16_000, inputPer1M, outputPer1M,
            [ModelCapabilities.Chat, ModelCapabilities.Tools], SpeedTier.Fast, QualityTier.Good, SizeCategory.Small, false, null));
        db.LlmModels.Add(model);
        db.SaveChanges();
        return model;
    }

    public void Dispose() => _connection.Dispose();
}
