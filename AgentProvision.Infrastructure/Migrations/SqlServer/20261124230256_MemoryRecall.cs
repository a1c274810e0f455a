using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentProvision.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class MemoryRecall : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DecayedAt",
                table: "AgentMemories",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Thread",
                table: "AgentMemories",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "MemoryRecalls",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AgentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Purpose = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Returned = table.Column<int>(type: "int", nullable: false),
                    Hit = table.Column<bool>(type: "bit", nullable: false),
                    TopRelevance = table.Column<double>(type: "float", nullable: false),
                    TokensInjected = table.Column<int>(type: "int", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemoryRecalls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MemoryRecalls_Agents_AgentId",
                        column: x => x.AgentId,
                        principalTable: "Agents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AgentMemories_TenantId_AgentId_Thread",
                table: "AgentMemories",
                columns: new[] { "TenantId", "AgentId", "Thread" });

            migrationBuilder.CreateIndex(
                name: "IX_MemoryRecalls_AgentId",
                table: "MemoryRecalls",
                column: "AgentId");

            migrationBuilder.CreateIndex(
                name: "IX_MemoryRecalls_TenantId_AgentId_At",
                table: "MemoryRecalls",
                columns: new[] { "TenantId", "AgentId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MemoryRecalls");

            migrationBuilder.DropIndex(
                name: "IX_AgentMemories_TenantId_AgentId_Thread",
                table: "AgentMemories");

            migrationBuilder.DropColumn(
                name: "DecayedAt",
                table: "AgentMemories");

            migrationBuilder.DropColumn(
                name: "Thread",
                table: "AgentMemories");
        }
    }
}
