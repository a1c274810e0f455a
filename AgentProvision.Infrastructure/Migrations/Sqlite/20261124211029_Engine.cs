using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentProvision.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Engine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsPeerReview",
                table: "AgentTasks",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "LeaseExpiresAt",
                table: "AgentTasks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LeaseOwner",
                table: "AgentTasks",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PausedAt",
                table: "AgentTasks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RootTaskId",
                table: "AgentTasks",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "AgentTasks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "ApprovalRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RootTaskId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ApproverRole = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ProposedOutput = table.Column<string>(type: "TEXT", nullable: false),
                    ProposedConfidence = table.Column<double>(type: "REAL", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DeadlineAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EscalatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApprovalRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApprovalRequests_AgentTasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "AgentTasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AgentTasks_Status_LeaseExpiresAt",
                table: "AgentTasks",
                columns: new[] { "Status", "LeaseExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AgentTasks_TenantId_RootTaskId",
                table: "AgentTasks",
                columns: new[] { "TenantId", "RootTaskId" });

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRequests_Status_DeadlineAt",
                table: "ApprovalRequests",
                columns: new[] { "Status", "DeadlineAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRequests_TaskId",
                table: "ApprovalRequests",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRequests_TenantId_Status_CreatedAt",
                table: "ApprovalRequests",
                columns: new[] { "TenantId", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRequests_TenantId_TaskId",
                table: "ApprovalRequests",
                columns: new[] { "TenantId", "TaskId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApprovalRequests");

            migrationBuilder.DropIndex(
                name: "IX_AgentTasks_Status_LeaseExpiresAt",
                table: "AgentTasks");

            migrationBuilder.DropIndex(
                name: "IX_AgentTasks_TenantId_RootTaskId",
                table: "AgentTasks");

            migrationBuilder.DropColumn(
                name: "IsPeerReview",
                table: "AgentTasks");

            migrationBuilder.DropColumn(
                name: "LeaseExpiresAt",
                table: "AgentTasks");

            migrationBuilder.DropColumn(
                name: "LeaseOwner",
                table: "AgentTasks");

            migrationBuilder.DropColumn(
                name: "PausedAt",
                table: "AgentTasks");

            migrationBuilder.DropColumn(
                name: "RootTaskId",
                table: "AgentTasks");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "AgentTasks");
        }
    }
}
