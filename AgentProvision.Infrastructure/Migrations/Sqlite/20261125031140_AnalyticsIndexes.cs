using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentProvision.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AnalyticsIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_AgentTasks_TenantId_CompletedAt",
                table: "AgentTasks",
                columns: new[] { "TenantId", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AgentTasks_TenantId_CreatedAt",
                table: "AgentTasks",
                columns: new[] { "TenantId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AgentMessages_TenantId_CreatedAt",
                table: "AgentMessages",
                columns: new[] { "TenantId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AgentTasks_TenantId_CompletedAt",
                table: "AgentTasks");

            migrationBuilder.DropIndex(
                name: "IX_AgentTasks_TenantId_CreatedAt",
                table: "AgentTasks");

            migrationBuilder.DropIndex(
                name: "IX_AgentMessages_TenantId_CreatedAt",
                table: "AgentMessages");
        }
    }
}
