using AgentProvision.Core.Llm;
using AgentProvision.Core.Memory;
using AgentProvision.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentProvision.Infrastructure.Memory.Embeddings;

internal sealed class MemorySettingsConfiguration : IEntityTypeConfiguration<MemorySettings>
{
    public void Configure(EntityTypeBuilder<MemorySettings> builder)
    {
        builder.ToTable("MemorySettings");
        builder.HasKey(s => s.TenantId);
        builder.Property(s => s.TenantId).ValueGeneratedNever();
        builder.HasOne<Tenant>().WithOne().HasForeignKey<MemorySettings>(s => s.TenantId).OnDelete(DeleteBehavior.Cascade);
        // No foreign key to the configuration: deleting a configuration must neither fail nor take the settings row with
        // it (SQL Server refuses a second cascade path from the tenant). A choice whose configuration is gone reads as local.
        builder.HasOne<LlmModel>().WithMany().HasForeignKey(s => s.EmbeddingModelId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(s => s.UsesLocalEmbeddings);
    }
}
