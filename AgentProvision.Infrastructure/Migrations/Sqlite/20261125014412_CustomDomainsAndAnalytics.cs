using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentProvision.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustomDomainsAndAnalytics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AddedAt",
                table: "TenantHosts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "CertificateApprovedAt",
                table: "TenantHosts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastCheckMessage",
                table: "TenantHosts",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastCheckOutcome",
                table: "TenantHosts",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastCheckedAt",
                table: "TenantHosts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VerificationToken",
                table: "TenantHosts",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "VerifiedAt",
                table: "TenantHosts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "TenantAnalytics",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    PeriodStart = table.Column<long>(type: "INTEGER", nullable: false),
                    TotalMessages = table.Column<int>(type: "INTEGER", nullable: false),
                    TotalTasks = table.Column<int>(type: "INTEGER", nullable: false),
                    TasksCompleted = table.Column<int>(type: "INTEGER", nullable: false),
                    TasksFailed = table.Column<int>(type: "INTEGER", nullable: false),
                    TotalTokensUsed = table.Column<long>(type: "INTEGER", nullable: false),
                    TotalCostMicros = table.Column<long>(type: "INTEGER", nullable: false),
                    ByAgent = table.Column<string>(type: "TEXT", nullable: false),
                    ByModel = table.Column<string>(type: "TEXT", nullable: false),
                    AiInsights = table.Column<string>(type: "TEXT", nullable: true),
                    AiRecommendations = table.Column<string>(type: "TEXT", nullable: true),
                    AiForecast = table.Column<string>(type: "TEXT", nullable: true),
                    ComputedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
