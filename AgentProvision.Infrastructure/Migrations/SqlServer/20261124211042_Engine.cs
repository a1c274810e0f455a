using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentProvision.Infrastructure.Migrations.SqlServer
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
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LeaseExpiresAt",
                table: "AgentTasks",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LeaseOwner",
                table: "AgentTasks",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PausedAt",
                table: "AgentTasks",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RootTaskId",
                table: "AgentTasks",
                type: "uniqueidentifier",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "AgentTasks",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "ApprovalRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TaskId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RootTaskId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    GroupId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AgentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    ApproverRole = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    ProposedOutput = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    ProposedConfidence = table.Column<double>(type: "float", nullable: true),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    DeadlineAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    DecidedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    DecidedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Comment = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
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
