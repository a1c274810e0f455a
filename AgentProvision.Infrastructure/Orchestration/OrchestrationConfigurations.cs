using AgentProvision.Core.Agents;
using AgentProvision.Core.Orchestration;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentProvision.Infrastructure.Orchestration;

internal sealed class AgentTaskConfiguration : IEntityTypeConfiguration<AgentTask>
{
    public void Configure(EntityTypeBuilder<AgentTask> builder)
    {
        builder.ToTable("AgentTasks");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        // Stored as its number so "by priority, then age" is an index scan.
        builder.Property(t => t.Priority);
        builder.Property(t => t.TaskType).HasMaxLength(20).IsRequired();
        builder.Property(t => t.Objective).HasMaxLength(4000).IsRequired();
        builder.Property(t => t.Context).IsRequired();
        builder.Property(t => t.Reasoning).IsRequired();
        builder.Property(t => t.FailureReason).HasMaxLength(2000);
        builder.Property(t => t.LeaseOwner).HasMaxLength(100);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.Ignore(t => t.Cost);
        builder.Ignore(t => t.IsFinal);
        builder.Ignore(t => t.IsPaused);
        builder.Ignore(t => t.IsRunnable);
        builder.HasOne<AgentGroup>().WithMany().HasForeignKey(t => t.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Agent>().WithMany().HasForeignKey(t => t.AssignedAgentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AgentTask>().WithMany().HasForeignKey(t => t.ParentTaskId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.TenantId, t.Status, t.Priority, t.CreatedAt });
        builder.HasIndex(t => new { t.TenantId, t.ParentTaskId });
        builder.HasIndex(t => new { t.TenantId, t.RootTaskId });
        builder.HasIndex(t => new { t.Status, t.LeaseExpiresAt });
        builder.HasIndex(t => new { t.TenantId, t.GroupId });
        // Analytics rolls tasks up by when they were created and when they finished.
        builder.HasIndex(t => new { t.TenantId, t.CreatedAt });
        builder.HasIndex(t => new { t.TenantId, t.CompletedAt });
    }
}

internal sealed class AgentMessageConfiguration : IEntityTypeConfiguration<AgentMessage>
{
    public void Configure(EntityTypeBuilder<AgentMessage> builder)
    {
        builder.ToTable("AgentMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.MessageType).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Content).IsRequired();
        builder.Property(m => m.Reasoning).HasMaxLength(8000);
        builder.HasOne<AgentTask>().WithMany().HasForeignKey(m => m.TaskId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.TenantId, m.TaskId, m.CreatedAt });
        builder.HasIndex(m => new { m.TenantId, m.CreatedAt });
    }
}

internal sealed class ApprovalRequestConfiguration : IEntityTypeConfiguration<ApprovalRequest>
{
    public void Configure(EntityTypeBuilder<ApprovalRequest> builder)
    {
        builder.ToTable("ApprovalRequests");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Reason).HasMaxLength(1000).IsRequired();
        builder.Property(a => a.ApproverRole).HasMaxLength(40).IsRequired();
        builder.Property(a => a.ProposedOutput).IsRequired();
        builder.Property(a => a.DecidedBy).HasMaxLength(200);
        builder.Property(a => a.Comment).HasMaxLength(2000);
        builder.HasOne<AgentTask>().WithMany().HasForeignKey(a => a.TaskId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.TenantId, a.Status, a.CreatedAt });
        builder.HasIndex(a => new { a.Status, a.DeadlineAt });
        builder.HasIndex(a => new { a.TenantId, a.TaskId });
    }
}
