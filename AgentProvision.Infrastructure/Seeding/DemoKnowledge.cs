using AgentProvision.Core.Knowledge;
using AgentProvision.Infrastructure.Knowledge;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentProvision.Infrastructure.Seeding;

/// <summary>
/// A small knowledge graph for a new demo tenant: customers, their people, products and places, one job change (so
/// "as of" shows a difference) and the demo team's agents as sources when they exist. Gated by Knowledge:SeedDemoGraph.
/// </summary>
internal static class DemoKnowledge
{
    public static async Task SeedAsync(IServiceProvider services, AppDbContext db, Guid tenantId, bool isPlatform, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (isPlatform || !services.GetRequiredService<IOptions<KnowledgeOptions>>().Value.SeedDemoGraph)
        {
            return;
        }

        var agents = await db.Agents.Where(a => a.TenantId == tenantId).ToDictionaryAsync(a => a.Name, a => a.Id, cancellationToken);
        Guid? Agent(string name) => agents.TryGetValue(name, out var id) ? id : null;
        var (sam, pia) = (Agent("Sam"), Agent("Pia"));
        var entities = new Dictionary<string, KnowledgeEntity>();
        void Entity(string type, string name, string attributes, double confidence, Guid? source) =>
            entities[name] = new KnowledgeEntity(tenantId, type, name, attributes, confidence, source, now);

        Entity("customer", "Northwind Traders", """{"industry":"wholesale","employees":180,"segment":"mid-market","aliases":["Northwind"]}""", 0.95, sam);
        Entity("customer", "Contoso Retail", """{"industry":"retail","employees":2400,"segment":"enterprise","health":"at risk"}""", 0.9, sam);
        Entity("company", "Fabrikam", """{"industry":"logistics","role":"supplier"}""", 0.8, pia);
        Entity("company", "Tailspin Toys", """{"industry":"toys","role":"competitor"}""", 0.7, pia);
        Entity("person", "Maria Anders", """{"title":"Head of purchasing"}""", 0.9, sam);
        Entity("person", "Thomas Hardy", """{"title":"CFO"}""", 0.85, sam);
        Entity("person", "Hanna Moos", """{"title":"Account manager"}""", 0.8, pia);
        Entity("product", "Insight Cloud", """{"plan":"annual","seats":250}""", 1.0, null);
        Entity("product", "Insight Mobile", """{"plan":"monthly"}""", 1.0, null);
        Entity("place", "London", """{"country":"United Kingdom"}""", 1.0, null);
        Entity("place", "Seattle", """{"country":"United States"}""", 1.0, null);
        Entity("place", "Berlin", """{"country":"Germany"}""", 1.0, null);
        Entity("concept", "Same-day delivery", """{"asked_by":"customers in retail"}""", 0.7, pia);
        db.KnowledgeEntities.AddRange(entities.Values);

        var jobChange = now.AddDays(-120);
        KnowledgeRelation Relate(string from, string type, string to, double strength, string evidence, Guid? agent, DateTimeOffset since) =>
            db.KnowledgeRelations.Add(new KnowledgeRelation(entities[from], entities[to], type, strength, evidence, agent, since, now)).Entity;

        Relate("Maria Anders", "works_at", "Contoso Retail", 0.9, """["Her 2024 email signature"]""", sam, now.AddDays(-540)).Close(jobChange);
        Relate("Maria Anders", "works_at", "Northwind Traders", 0.95, """["Announced on her profile","Introduced herself on the March call"]""", sam, jobChange);
        Relate("Maria Anders", "lives_in", "Berlin", 0.6, """["Mentioned on a call"]""", sam, now.AddDays(-300));
        Relate("Thomas Hardy", "works_at", "Contoso Retail", 0.9, """["Signed the renewal"]""", sam, now.AddDays(-700));
        Relate("Hanna Moos", "works_at", "Fabrikam", 0.8, """["Partner directory"]""", pia, now.AddDays(-400));
        Relate("Northwind Traders", "purchased", "Insight Cloud", 0.95, """["Order 1042"]""", pia, now.AddDays(-90));
        Relate("Contoso Retail", "purchased", "Insight Mobile", 0.9, """["Order 977"]""", pia, now.AddDays(-365));
        Relate("Contoso Retail", "purchased", "Insight Cloud", 0.8, """["Order 512"]""", pia, now.AddDays(-800)).Close(now.AddDays(-200));
        Relate("Northwind Traders", "located_in", "London", 1.0, """["Company register"]""", pia, now.AddDays(-900));
        Relate("Contoso Retail", "located_in", "Seattle", 1.0, """["Company register"]""", pia, now.AddDays(-900));
        Relate("Fabrikam", "supplies", "Northwind Traders", 0.7, """["Northwind's supplier list"]""", pia, now.AddDays(-500));
        Relate("Tailspin Toys", "competes_with", "Fabrikam", 0.5, """["Analyst note"]""", pia, now.AddDays(-250));
        Relate("Northwind Traders", "prefers", "Same-day delivery", 0.75, """["Asked for it in two reviews"]""", sam, now.AddDays(-60));
        Relate("Insight Mobile", "related_to", "Insight Cloud", 0.9, """["Product catalogue"]""", null, now.AddDays(-1000));
        await db.SaveChangesAsync(cancellationToken);
    }
}
