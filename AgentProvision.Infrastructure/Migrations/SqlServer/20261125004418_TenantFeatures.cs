using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentProvision.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class TenantFeatures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TenantFeatures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AgentsEnabled = table.Column<bool>(type: "bit", nullable: false),
                    AgentGroupsEnabled = table.Column<bool>(type: "bit", nullable: false),
                    DatasetsEnabled = table.Column<bool>(type: "bit", nullable: false),
                    ChatEnabled = table.Column<bool>(type: "bit", nullable: false),
                    MultiLlmEnabled = table.Column<bool>(type: "bit", nullable: false),
                    AgentMemoryEnabled = table.Column<bool>(type: "bit", nullable: false),
                    AiInsightsEnabled = table.Column<bool>(type: "bit", nullable: false),
                    AiRecommendationsEnabled = table.Column<bool>(type: "bit", nullable: false),
                    AiAnomalyDetection = table.Column<bool>(type: "bit", nullable: false),
                    MaxAgents = table.Column<int>(type: "int", nullable: false),
                    MaxAgentGroups = table.Column<int>(type: "int", nullable: false),
                    MonthlyTokenLimit = table.Column<long>(type: "bigint", nullable: false),
                    StorageLimitGb = table.Column<double>(type: "float", nullable: false),
                    HideAgentProvisionBranding = table.Column<bool>(type: "bit", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TenantFeatures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TenantFeatures_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TenantFeatures_TenantId",
                table: "TenantFeatures",
                column: "TenantId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TenantFeatures");
        }
    }
}
