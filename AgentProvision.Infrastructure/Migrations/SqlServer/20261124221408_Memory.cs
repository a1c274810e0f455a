using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentProvision.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Memory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AgentMemories",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AgentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    MemoryType = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Content = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: false),
                    Importance = table.Column<double>(type: "float", nullable: false),
                    AccessCount = table.Column<int>(type: "int", nullable: false),
                    Source = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    SourceTaskId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    LastAccessedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    EmbeddingModel = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Provenance = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgentMemories", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AgentMemories_AgentTasks_SourceTaskId",
                        column: x => x.SourceTaskId,
                        principalTable: "AgentTasks",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_AgentMemories_Agents_AgentId",
                        column: x => x.AgentId,
                        principalTable: "Agents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "KnowledgeEntities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    EntityType = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    NormalizedName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Attributes = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Confidence = table.Column<double>(type: "float", nullable: false),
                    SourceAgentId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KnowledgeEntities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KnowledgeEntities_Agents_SourceAgentId",
                        column: x => x.SourceAgentId,
                        principalTable: "Agents",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "KnowledgeRelations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FromEntityId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ToEntityId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RelationType = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    Strength = table.Column<double>(type: "float", nullable: false),
                    Evidence = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    DiscoveredByAgentId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ValidFrom = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ValidTo = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KnowledgeRelations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KnowledgeRelations_Agents_DiscoveredByAgentId",
                        column: x => x.DiscoveredByAgentId,
                        principalTable: "Agents",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_KnowledgeRelations_KnowledgeEntities_FromEntityId",
                        column: x => x.FromEntityId,
                        principalTable: "KnowledgeEntities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_KnowledgeRelations_KnowledgeEntities_ToEntityId",
                        column: x => x.ToEntityId,
                        principalTable: "KnowledgeEntities",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_AgentMemories_AgentId",
                table: "AgentMemories",
                column: "AgentId");

            migrationBuilder.CreateIndex(
                name: "IX_AgentMemories_SourceTaskId",
                table: "AgentMemories",
                column: "SourceTaskId");

            migrationBuilder.CreateIndex(
                name: "IX_AgentMemories_TenantId_AgentId_CreatedAt",
                table: "AgentMemories",
                columns: new[] { "TenantId", "AgentId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AgentMemories_TenantId_ExpiresAt",
                table: "AgentMemories",
                columns: new[] { "TenantId", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_KnowledgeEntities_SourceAgentId",
                table: "KnowledgeEntities",
                column: "SourceAgentId");

            migrationBuilder.CreateIndex(
                name: "IX_KnowledgeEntities_TenantId_EntityType_NormalizedName",
                table: "KnowledgeEntities",
                columns: new[] { "TenantId", "EntityType", "NormalizedName" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_KnowledgeRelations_DiscoveredByAgentId",
                table: "KnowledgeRelations",
                column: "DiscoveredByAgentId");

            migrationBuilder.CreateIndex(
                name: "IX_KnowledgeRelations_FromEntityId",
                table: "KnowledgeRelations",
                column: "FromEntityId");

            migrationBuilder.CreateIndex(
                name: "IX_KnowledgeRelations_TenantId_FromEntityId_RelationType",
                table: "KnowledgeRelations",
                columns: new[] { "TenantId", "FromEntityId", "RelationType" });

            migrationBuilder.CreateIndex(
                name: "IX_KnowledgeRelations_TenantId_ToEntityId_RelationType",
                table: "KnowledgeRelations",
                columns: new[] { "TenantId", "ToEntityId", "RelationType" });

            migrationBuilder.CreateIndex(
                name: "IX_KnowledgeRelations_ToEntityId",
                table: "KnowledgeRelations",
                column: "ToEntityId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AgentMemories");

            migrationBuilder.DropTable(
                name: "KnowledgeRelations");

            migrationBuilder.DropTable(
                name: "KnowledgeEntities");
        }
    }
}
