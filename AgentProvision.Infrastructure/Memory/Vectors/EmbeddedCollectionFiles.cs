using System.IO.Hashing;
using System.Text;

namespace AgentProvision.Infrastructure.Memory.Vectors;

/// <summary>Where one collection lives in the vectors folder.</summary>
internal sealed record EmbeddedCollectionFiles(string Snapshot, string Journal)
{
    public const string SnapshotExtension = ".apvx";
    public const string JournalExtension = ".apvj";

    public static EmbeddedCollectionFiles For(string folder, string modelName)
    {
        var stem = Path.Combine(folder, CollectionStem.For(modelName));
        return new EmbeddedCollectionFiles(stem + SnapshotExtension, stem + JournalExtension);
    }
}

/// <summary>
/// A collection's name in file names and Redis keys. Model names may hold characters neither allows well
/// ("nomic-embed-text:latest", "openai/text-embedding-3-small"), so the name is made safe and a hash of the exact name
/// is appended: two names that become the same safe text still get different stems.
/// </summary>
internal static class CollectionStem
{
    public static string For(string modelName)
    {
        var safe = new string(modelName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_').ToArray());
        if (safe.Length > 80)
            safe = safe[..80];
        return $"{safe}-{Convert.ToHexStringLower(XxHash64.Hash(Encoding.UTF8.GetBytes(modelName)))}";
    }
}
