using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentProvision.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Llm : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BudgetCounters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Scope = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Key = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    LimitMicros = table.Column<long>(type: "bigint", nullable: false),
                    ReservedMicros = table.Column<long>(type: "bigint", nullable: false),
                    SpentMicros = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BudgetCounters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LlmProviders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    DisplayName = table.Column<string>(type: "nvarchar(120)", maxLength: 120, nullable: false),
                    BaseUrl = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    ApiStyle = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    AuthType = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    SupportedFeatures = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Region = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    IsActive = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LlmProviders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LlmUsages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ConfigId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    AgentId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    TaskId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Purpose = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    ModelId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ProviderName = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    ModelName = table.Column<string>(type: "nvarchar(160)", maxLength: 160, nullable: false),
                    Attempt = table.Column<int>(type: "int", nullable: false),
                    InputTokens = table.Column<long>(type: "bigint", nullable: false),
                    OutputTokens = table.Column<long>(type: "bigint", nullable: false),
                    CostMicros = table.Column<long>(type: "bigint", nullable: false),
                    PrimaryCostMicros = table.Column<long>(type: "bigint", nullable: false),
                    LatencyMs = table.Column<int>(type: "int", nullable: false),
                    Outcome = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Error = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    RouteReason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LlmUsages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LlmModels",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ProviderId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ModelId = table.Column<string>(type: "nvarchar(160)", maxLength: 160, nullable: false),
                    DisplayName = table.Column<string>(type: "nvarchar(160)", maxLength: 160, nullable: false),
                    ContextWindow = table.Column<int>(type: "int", nullable: false),
                    MaxOutputTokens = table.Column<int>(type: "int", nullable: true),
                    InputCostPer1k = table.Column<decimal>(type: "decimal(18,9)", precision: 18, scale: 9, nullable: true),
                    OutputCostPer1k = table.Column<decimal>(type: "decimal(18,9)", precision: 18, scale: 9, nullable: true),
                    Capabilities = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    SpeedTier = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    QualityTier = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    SizeCategory = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    EdgeOptimized = table.Column<bool>(type: "bit", nullable: false),
                    EmbeddingDimensions = table.Column<int>(type: "int", nullable: true),
                    IsActive = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LlmModels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LlmModels_LlmProviders_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "LlmProviders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LlmConfigs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(80)", maxLength: 80, nullable: false),
                    IsTenantDefault = table.Column<bool>(type: "bit", nullable: false),
                    PrimaryModelId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FallbackModelId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ApiKeyEncrypted = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    ApiKeyHint = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: true),
                    UsePlatformKey = table.Column<bool>(type: "bit", nullable: false),
                    BaseUrlOverride = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Temperature = table.Column<double>(type: "float", nullable: false),
                    MaxTokens = table.Column<int>(type: "int", nullable: false),
                    RoutingRules = table.Column<string>(type: "nvarchar(max)", maxLength: 20000, nullable: false),
                    BudgetLimitDaily = table.Column<decimal>(type: "decimal(18,6)", precision: 18, scale: 6, nullable: true),
                    BudgetLimitMonthly = table.Column<decimal>(type: "decimal(18,6)", precision: 18, scale: 6, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LlmConfigs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LlmConfigs_LlmModels_FallbackModelId",
                        column: x => x.FallbackModelId,
                        principalTable: "LlmModels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LlmConfigs_LlmModels_PrimaryModelId",
                        column: x => x.PrimaryModelId,
                        principalTable: "LlmModels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LlmConfigs_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BudgetCounters_TenantId_Scope_Key",
                table: "BudgetCounters",
                columns: new[] { "TenantId", "Scope", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LlmConfigs_FallbackModelId",
                table: "LlmConfigs",
                column: "FallbackModelId");

            migrationBuilder.CreateIndex(
                name: "IX_LlmConfigs_PrimaryModelId",
                table: "LlmConfigs",
                column: "PrimaryModelId");

            migrationBuilder.CreateIndex(
                name: "IX_LlmConfigs_TenantId_IsTenantDefault",
                table: "LlmConfigs",
                columns: new[] { "TenantId", "IsTenantDefault" });

            migrationBuilder.CreateIndex(
                name: "IX_LlmConfigs_TenantId_Name",
                table: "LlmConfigs",
                columns: new[] { "TenantId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LlmModels_ProviderId_ModelId",
                table: "LlmModels",
                columns: new[] { "ProviderId", "ModelId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LlmProviders_Name",
                table: "LlmProviders",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LlmUsages_TenantId_AgentId_At",
                table: "LlmUsages",
                columns: new[] { "TenantId", "AgentId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_LlmUsages_TenantId_At",
                table: "LlmUsages",
                columns: new[] { "TenantId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_LlmUsages_TenantId_TaskId",
                table: "LlmUsages",
                columns: new[] { "TenantId", "TaskId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BudgetCounters");

            migrationBuilder.DropTable(
                name: "LlmConfigs");

            migrationBuilder.DropTable(
                name: "LlmUsages");

            migrationBuilder.DropTable(
                name: "LlmModels");

            migrationBuilder.DropTable(
                name: "LlmProviders");
        }
    }
}
