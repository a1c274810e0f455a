using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentProvision.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CustomDomainsAndAnalytics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AddedAt",
                table: "TenantHosts",
                type: "datetimeoffset",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CertificateApprovedAt",
                table: "TenantHosts",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastCheckMessage",
                table: "TenantHosts",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastCheckOutcome",
                table: "TenantHosts",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastCheckedAt",
                table: "TenantHosts",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VerificationToken",
                table: "TenantHosts",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "VerifiedAt",
                table: "TenantHosts",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "TenantAnalytics",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Period = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    PeriodStart = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    TotalMessages = table.Column<int>(type: "int", nullable: false),
                    TotalTasks = table.Column<int>(type: "int", nullable: false),
                    TasksCompleted = table.Column<int>(type: "int", nullable: false),
                    TasksFailed = table.Column<int>(type: "int", nullable: false),
                    TotalTokensUsed = table.Column<long>(type: "bigint", nullable: false),
                    TotalCostMicros = table.Column<long>(type: "bigint", nullable: false),
                    ByAgent = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    ByModel = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    AiInsights = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    AiRecommendations = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    AiForecast = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    ComputedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TenantAnalytics", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TenantAnalytics_TenantId_Period_PeriodStart",
                table: "TenantAnalytics",
                columns: new[] { "TenantId", "Period", "PeriodStart" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TenantAnalytics");

            migrationBuilder.DropColumn(
                name: "AddedAt",
                table: "TenantHosts");

            migrationBuilder.DropColumn(
                name: "CertificateApprovedAt",
                table: "TenantHosts");

            migrationBuilder.DropColumn(
                name: "LastCheckMessage",
                table: "TenantHosts");

            migrationBuilder.DropColumn(
                name: "LastCheckOutcome",
                table: "TenantHosts");

            migrationBuilder.DropColumn(
                name: "LastCheckedAt",
                table: "TenantHosts");

            migrationBuilder.DropColumn(
                name: "VerificationToken",
                table: "TenantHosts");

            migrationBuilder.DropColumn(
                name: "VerifiedAt",
                table: "TenantHosts");
        }
    }
}
