using System.ComponentModel.DataAnnotations;

namespace AgentProvision.Infrastructure.Persistence;

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string Sqlite = "Sqlite";
    public const string SqlServer = "SqlServer";

    /// <summary>"Sqlite" (the embedded default) or "SqlServer".</summary>
    [Required, RegularExpression("^(Sqlite|SqlServer)$", ErrorMessage = "Database:Provider must be Sqlite or SqlServer.")]
    public string Provider { get; set; } = Sqlite;

    /// <summary>For SQL Server, required. For SQLite, optional: defaults to a file in <see cref="StorageOptions.DataPath"/>.</summary>
    public string? ConnectionString { get; set; }
}
