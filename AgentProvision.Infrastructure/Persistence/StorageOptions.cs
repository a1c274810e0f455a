using System.ComponentModel.DataAnnotations;

namespace AgentProvision.Infrastructure.Persistence;

public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The data folder (SQLite file, uploads, local indexes). Relative paths are under the content root.</summary>
    [Required]
    public string DataPath { get; set; } = "data";
}
