using Microsoft.Data.Sqlite;

namespace AgentProvision.Bench.Orchestration;

internal static class JournalMode
{
    /// <summary>The database file's journal mode (EF Core creates SQLite databases in WAL mode).</summary>
    public static async Task<string> ReadAsync(string databaseFile)
    {
        await using var connection = new SqliteConnection($"Data Source={databaseFile};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
