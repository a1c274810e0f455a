using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentProvision.Infrastructure.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LimitMicros = table.Column<long>(type: "INTEGER", nullable: false),
                    ReservedMicros = table.Column<long>(type: "INTEGER", nullable: false),
                    SpentMicros = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BudgetCounters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LlmProviders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    BaseUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ApiStyle = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AuthType = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SupportedFeatures = table.Column<string>(type: "TEXT", nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LlmProviders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LlmUsages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ConfigId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AgentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ModelId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ProviderName = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    ModelName = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false),
                    Attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    InputTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    OutputTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    CostMicros = table.Column<long>(type: "INTEGER", nullable: false),
                    PrimaryCostMicros = table.Column<long>(type: "INTEGER", nullable: false),
                    LatencyMs = table.Column<int>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RouteReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LlmUsages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LlmModels",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ModelId = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false),
                    ContextWindow = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxOutputTokens = table.Column<int>(type: "INTEGER", nullable: true),
                    InputCostPer1k = table.Column<decimal>(type: "TEXT", precision: 18, scale: 9, nullable: true),
                    OutputCostPer1k = table.Column<decimal>(type: "TEXT", precision: 18, scale: 9, nullable: true),
                    Capabilities = table.Column<string>(type: "TEXT", nullable: false),
                    SpeedTier = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    QualityTier = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SizeCategory = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    EdgeOptimized = table.Column<bool>(type: "INTEGER", nullable: false),
                    EmbeddingDimensions = table.Column<int>(type: "INTEGER", nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    IsTenantDefault = table.Column<bool>(type: "INTEGER", nullable: false),
                    PrimaryModelId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FallbackModelId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ApiKeyEncrypted = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ApiKeyHint = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    UsePlatformKey = table.Column<bool>(type: "INTEGER", nullable: false),
                    BaseUrlOverride = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Temperature = table.Column<double>(type: "REAL", nullable: false),
                    MaxTokens = table.Column<int>(type: "INTEGER", nullable: false),
                    RoutingRules = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    BudgetLimitDaily = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: true),
                    BudgetLimitMonthly = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
