using System.IO.Hashing;
using System.Text;

namespace AgentProvision.Infrastructure.Memory.Vectors;

/// <summary>
/// Where one collection lives in the vectors folder. Model names may hold characters no file name allows
/// ("nomic-embed-text:latest", "openai/text-embedding-3-small"), so the name is made safe and a hash of the exact name
/// is appended: two names that become the same safe text still get different files.
/// </summary>
internal sealed record EmbeddedCollectionFiles(string Snapshot, string Journal)
{
    public const string SnapshotExtension = ".apvx";
    public const string JournalExtension = ".apvj";

    public static EmbeddedCollectionFiles For(string folder, string modelName)
    {
        var safe = new string(modelName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_').ToArray());
        if (safe.Length > 80)
            safe = safe[..80];
        var hash = Convert.ToHexStringLower(XxHash64.Hash(Encoding.UTF8.GetBytes(modelName)));
        var stem = Path.Combine(folder, $"{safe}-{hash}");
        return new EmbeddedCollectionFiles(stem + SnapshotExtension, stem + JournalExtension);
    }
}
