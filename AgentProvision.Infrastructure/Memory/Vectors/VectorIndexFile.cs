using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace AgentProvision.Infrastructure.Memory.Vectors;

/// <summary>
/// The index's file: a header (magic "APVX", format version, dimension, model name, record count), the records
/// (id, tenant id, agent id, then the unit vector as little-endian float32), and an XxHash64 of everything before it.
/// Saved to a temporary file and moved over the old one, so a crash leaves either the old or the new index; loaded
/// only whole: a truncated, extended or altered file is refused rather than half-loaded.
/// </summary>
internal static class VectorIndexFile
{
    private const int Version = 1;
    private const int GuidBytes = 16;
    private const int ChecksumBytes = sizeof(ulong);
    private const int MaxModelNameBytes = 1024;
    private static readonly byte[] Magic = "APVX"u8.ToArray();

    public static async Task SaveAsync(VectorIndex index, string path, CancellationToken cancellationToken)
    {
        RequireLittleEndian();
        var partitions = index.Snapshot();
        var count = partitions.Sum(partition => partition.Ids.Length);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                var hash = new XxHash64();
                await WriteAsync(stream, hash, Header(index.ModelName, index.Dimension, count), cancellationToken);
                var record = new byte[RecordBytes(index.Dimension)];
                foreach (var (tenantId, agentId, ids, vectors) in partitions)
                {
                    for (var row = 0; row < ids.Length; row++)
                    {
                        ids[row].TryWriteBytes(record.AsSpan(0, GuidBytes));
                        tenantId.TryWriteBytes(record.AsSpan(GuidBytes, GuidBytes));
                        agentId.TryWriteBytes(record.AsSpan(2 * GuidBytes, GuidBytes));
                        MemoryMarshal.AsBytes(vectors.AsSpan(row * index.Dimension, index.Dimension)).CopyTo(record.AsSpan(3 * GuidBytes));
                        await WriteAsync(stream, hash, record, cancellationToken);
                    }
                }
                await stream.WriteAsync(BitConverter.GetBytes(hash.GetCurrentHashAsUInt64()), cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public static async Task<VectorIndex> LoadAsync(string path, string expectedModelName, int expectedDimension, CancellationToken cancellationToken)
    {
        RequireLittleEndian();
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var hash = new XxHash64();

        var prefix = await ReadAsync(stream, hash, Magic.Length + 3 * sizeof(int), path, "the header", cancellationToken);
        if (!prefix.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new VectorIndexCorruptException(path, "it does not start with the vector index magic bytes");
        var version = BinaryPrimitives.ReadInt32LittleEndian(prefix.AsSpan(4));
        if (version != Version)
            throw new VectorIndexCorruptException(path, $"format version {version} is not supported (expected {Version})");
        var dimension = BinaryPrimitives.ReadInt32LittleEndian(prefix.AsSpan(8));
        var nameBytes = BinaryPrimitives.ReadInt32LittleEndian(prefix.AsSpan(12));
        if (dimension <= 0 || nameBytes <= 0 || nameBytes > MaxModelNameBytes)
            throw new VectorIndexCorruptException(path, $"the header is invalid (dimension {dimension}, model name of {nameBytes} bytes)");
        var modelName = Encoding.UTF8.GetString(await ReadAsync(stream, hash, nameBytes, path, "the model name", cancellationToken));
        var count = BinaryPrimitives.ReadInt64LittleEndian(await ReadAsync(stream, hash, sizeof(long), path, "the record count", cancellationToken));

        var recordBytes = RecordBytes(dimension);
        if (count < 0 || count > int.MaxValue)
            throw new VectorIndexCorruptException(path, $"the header promises {count} records");
        var expectedLength = stream.Position + count * recordBytes + ChecksumBytes;
        if (stream.Length != expectedLength)
            throw new VectorIndexCorruptException(path, $"it is {stream.Length} bytes long, but its header promises {count} records ({expectedLength} bytes); it was truncated or extended");
        // The service re-embeds on a mismatch, so this is reported before reading (and hashing) every record.
        if (modelName != expectedModelName || dimension != expectedDimension)
            throw new VectorIndexMismatchException(path, modelName, dimension, expectedModelName, expectedDimension);

        var index = new VectorIndex(modelName, dimension);
        try
        {
            await ReadRecordsAsync(stream, hash, index, (int)count, path, cancellationToken);
            var checksum = new byte[ChecksumBytes];
            await stream.ReadExactlyAsync(checksum, cancellationToken);
            if (BitConverter.ToUInt64(checksum) != hash.GetCurrentHashAsUInt64())
                throw new VectorIndexCorruptException(path, "its checksum does not match its contents");
            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    /// <summary>The model name and dimension in a file's header, or null if it is not a readable index file.</summary>
    public static (string ModelName, int Dimension)? ReadHeader(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        Span<byte> prefix = stackalloc byte[Magic.Length + 3 * sizeof(int)];
        if (stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false) != prefix.Length || !prefix[..Magic.Length].SequenceEqual(Magic))
            return null;
        var dimension = BinaryPrimitives.ReadInt32LittleEndian(prefix[8..]);
        var nameBytes = BinaryPrimitives.ReadInt32LittleEndian(prefix[12..]);
        if (BinaryPrimitives.ReadInt32LittleEndian(prefix[4..]) != Version || dimension <= 0 || nameBytes <= 0 || nameBytes > MaxModelNameBytes)
            return null;
        var name = new byte[nameBytes];
        return stream.ReadAtLeast(name, nameBytes, throwOnEndOfStream: false) == nameBytes ? (Encoding.UTF8.GetString(name), dimension) : null;
    }

    private static async Task ReadRecordsAsync(Stream stream, XxHash64 hash, VectorIndex index, int count, string path, CancellationToken cancellationToken)
    {
        var record = new byte[RecordBytes(index.Dimension)];
        for (var i = 0; i < count; i++)
        {
            await ReadIntoAsync(stream, hash, record, path, "a record", cancellationToken);
            var id = new Guid(record.AsSpan(0, GuidBytes));
            var tenantId = new Guid(record.AsSpan(GuidBytes, GuidBytes));
            var agentId = new Guid(record.AsSpan(2 * GuidBytes, GuidBytes));
            if (!index.TryRestore(id, tenantId, agentId, MemoryMarshal.Cast<byte, float>(record.AsSpan(3 * GuidBytes))))
                throw new VectorIndexCorruptException(path, $"record {i} is invalid (empty or repeated id, or not a unit vector)");
        }
    }

    private static byte[] Header(string modelName, int dimension, long count)
    {
        var name = Encoding.UTF8.GetBytes(modelName);
        if (name.Length > MaxModelNameBytes)
            throw new ArgumentException($"The model name is longer than {MaxModelNameBytes} bytes.", nameof(modelName));
        var header = new byte[Magic.Length + 3 * sizeof(int) + name.Length + sizeof(long)];
        Magic.CopyTo(header, 0);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), Version);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), dimension);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), name.Length);
        name.CopyTo(header, 16);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(16 + name.Length), count);
        return header;
    }

    private static int RecordBytes(int dimension) => checked(3 * GuidBytes + dimension * sizeof(float));

    private static async Task WriteAsync(Stream stream, XxHash64 hash, byte[] bytes, CancellationToken cancellationToken)
    {
        hash.Append(bytes);
        await stream.WriteAsync(bytes, cancellationToken);
    }

    private static async Task<byte[]> ReadAsync(Stream stream, XxHash64 hash, int length, string path, string what, CancellationToken cancellationToken)
    {
        var bytes = new byte[length];
        await ReadIntoAsync(stream, hash, bytes, path, what, cancellationToken);
        return bytes;
    }

    private static async Task ReadIntoAsync(Stream stream, XxHash64 hash, byte[] buffer, string path, string what, CancellationToken cancellationToken)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken);
        }
        catch (EndOfStreamException)
        {
            throw new VectorIndexCorruptException(path, $"it ends inside {what}");
        }
        hash.Append(buffer);
    }

    // Vectors are written and read as raw float32 memory; every platform .NET ships on today is little-endian.
    private static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("The vector index file format is little-endian.");
    }
}
