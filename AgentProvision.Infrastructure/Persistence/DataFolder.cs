namespace AgentProvision.Infrastructure.Persistence;

/// <summary>The resolved, existing data folder (<see cref="StorageOptions.DataPath"/> made absolute).</summary>
public sealed class DataFolder
{
    public DataFolder(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);
}
