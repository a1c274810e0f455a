using AgentProvision.Core.Agents;
using AgentProvision.Core.Llm;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentProvision.Infrastructure.Agents;

internal sealed class AgentConfiguration : IEntityTypeConfiguration<Agent>
{
    public void Configure(EntityTypeBuilder<Agent> builder)
    {
        builder.ToTable("Agents");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Name).HasMaxLength(80).IsRequired();
        builder.Property(a => a.Role).HasMaxLength(80).IsRequired();
        builder.Property(a => a.Description).HasMaxLength(2000);
        builder.PrimitiveCollection(a => a.Capabilities);
        builder.Property(a => a.Personality).HasMaxLength(8000).IsRequired();
        builder.Property(a => a.MemoryConfig).HasMaxLength(8000).IsRequired();
        builder.Property(a => a.AutonomyLevel).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<AgentGroup>().WithMany().HasForeignKey(a => a.GroupId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<LlmConfig>().WithMany().HasForeignKey(a => a.LlmConfigId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(a => new { a.TenantId, a.GroupId });
    }
}

internal sealed class AgentGroupConfiguration : IEntityTypeConfiguration<AgentGroup>
{
    public void Configure(EntityTypeBuilder<AgentGroup> builder)
    {
        builder.ToTable("AgentGroups");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.Name).HasMaxLength(80).IsRequired();
        builder.HasIndex(g => new { g.TenantId, g.Name }).IsUnique();
        builder.Property(g => g.Description).HasMaxLength(2000);
        builder.Property(g => g.Goal).HasMaxLength(2000).IsRequired();
        builder.Property(g => g.Strategy).HasMaxLength(8000).IsRequired();
        builder.Property(g => g.SharedContext).HasMaxLength(20000).IsRequired();
        builder.Property(g => g.EscalationRules).HasMaxLength(8000).IsRequired();
        builder.HasMany(g => g.Relationships).WithOne().HasForeignKey(r => r.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(g => g.Relationships).HasField("_relationships").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class AgentRelationshipConfiguration : IEntityTypeConfiguration<AgentRelationship>
{
    public void Configure(EntityTypeBuilder<AgentRelationship> builder)
    {
        builder.ToTable("AgentRelationships");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.RelationshipType).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.CommunicationStyle).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.HandoffRules).HasMaxLength(8000).IsRequired();
        builder.HasOne<Agent>().WithMany().HasForeignKey(r => r.FromAgentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agent>().WithMany().HasForeignKey(r => r.ToAgentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.TenantId, r.GroupId, r.FromAgentId, r.ToAgentId, r.RelationshipType }).IsUnique();
    }
}

internal sealed class AgentSkillConfiguration : IEntityTypeConfiguration<AgentSkill>
{
    public void Configure(EntityTypeBuilder<AgentSkill> builder)
    {
        builder.ToTable("AgentSkills");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.SkillName).HasMaxLength(60).IsRequired();
        builder.Property(s => s.LearnedFrom).HasConversion<string>().HasMaxLength(20);
        builder.PrimitiveCollection(s => s.Examples);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasOne<Agent>().WithMany().HasForeignKey(s => s.AgentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.TenantId, s.AgentId, s.SkillName }).IsUnique();
    }
}
