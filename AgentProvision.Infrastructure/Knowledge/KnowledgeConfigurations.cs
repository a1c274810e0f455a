using AgentProvision.Core.Agents;
using AgentProvision.Core.Knowledge;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentProvision.Infrastructure.Knowledge;

internal sealed class KnowledgeEntityConfiguration : IEntityTypeConfiguration<KnowledgeEntity>
{
    public void Configure(EntityTypeBuilder<KnowledgeEntity> builder)
    {
        builder.ToTable("KnowledgeEntities");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.EntityType).HasMaxLength(40).IsRequired();
        builder.Property(e => e.Name).HasMaxLength(200).IsRequired();
        builder.Property(e => e.NormalizedName).HasMaxLength(200).IsRequired();
        builder.Property(e => e.Attributes).IsRequired();
        builder.Property(e => e.NameEmbeddingModel).HasMaxLength(200);
        builder.HasOne<Agent>().WithMany().HasForeignKey(e => e.SourceAgentId).OnDelete(DeleteBehavior.ClientSetNull);
        // "Learn it again" finds the same row: exact match on tenant, type and normalised name.
        builder.HasIndex(e => new { e.TenantId, e.EntityType, e.NormalizedName }).IsUnique();
    }
}

internal sealed class KnowledgeRelationConfiguration : IEntityTypeConfiguration<KnowledgeRelation>
{
    public void Configure(EntityTypeBuilder<KnowledgeRelation> builder)
    {
        builder.ToTable("KnowledgeRelations");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.RelationType).HasMaxLength(60).IsRequired();
        builder.Property(r => r.Evidence).IsRequired();
        builder.HasOne<KnowledgeEntity>().WithMany().HasForeignKey(r => r.FromEntityId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<KnowledgeEntity>().WithMany().HasForeignKey(r => r.ToEntityId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<Agent>().WithMany().HasForeignKey(r => r.DiscoveredByAgentId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasIndex(r => new { r.TenantId, r.FromEntityId, r.RelationType });
        builder.HasIndex(r => new { r.TenantId, r.ToEntityId, r.RelationType });
    }
}
