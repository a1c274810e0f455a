using System.Linq.Expressions;
using AgentProvision.Infrastructure.Memory.Vectors;

namespace AgentProvision.Tests.Memory.Vectors;

public sealed class MemoryVectorFilterShould
{
    private static readonly Guid Acme = Guid.Parse("a0000000-0000-0000-0000-000000000001");
    private static readonly Guid Scout = Guid.Parse("c0000000-0000-0000-0000-000000000003");

    private sealed record Agent(Guid TenantId, Guid Id);

    [Fact]
    public void ReadTheTenantFromACapturedVariable()
    {
        var tenantId = Acme;

        MemoryVectorFilter.Translate(r => r.TenantId == tenantId).ShouldBe(new VectorFilter(Acme));
    }

    [Fact]
    public void ReadTheTenantAndAgentInEitherOrderAndOnEitherSide()
    {
        var agent = new Agent(Acme, Scout);

        MemoryVectorFilter.Translate(r => agent.Id == r.AgentId && r.TenantId == agent.TenantId).ShouldBe(new VectorFilter(Acme, Scout));
    }

    [Fact]
    public void ReadAValueComputedFromCapturedVariables()
    {
        var ids = new[] { Acme };

        MemoryVectorFilter.Translate(r => r.TenantId == ids[0]).ShouldBe(new VectorFilter(Acme));
    }

    [Fact]
    public void RequireATenant()
    {
        var agentId = Scout;

        Should.Throw<TenantFilterRequiredException>(() => MemoryVectorFilter.Translate(null));
        Should.Throw<TenantFilterRequiredException>(() => MemoryVectorFilter.Translate(r => r.AgentId == agentId));
    }

    [Fact]
    public void RefuseTheEmptyTenant()
    {
        var empty = Guid.Empty;

        Should.Throw<ArgumentException>(() => MemoryVectorFilter.Translate(r => r.TenantId == empty)).Message.ShouldContain("empty");
    }

    [Fact]
    public void RefuseWhatItCannotTranslateAndSayWhatItCan()
    {
        var acme = Acme;
        var other = Guid.NewGuid();
        Expression<Func<MemoryVectorRecord, bool>>[] unsupported =
        [
            r => r.TenantId != acme,
            r => r.TenantId == acme || r.AgentId == other,
            r => r.TenantId == acme && r.Id == other,
            r => r.TenantId == acme && r.TenantId == other,
            r => r.TenantId == acme && !(r.AgentId == other),
            r => r.TenantId == acme && r.Embedding.Length == 384,
            r => r.TenantId == r.AgentId,
        ];

        foreach (var filter in unsupported)
            Should.Throw<NotSupportedException>(() => MemoryVectorFilter.Translate(filter), filter.ToString()).Message.ShouldContain("r => r.TenantId == tenantId");
    }
}
