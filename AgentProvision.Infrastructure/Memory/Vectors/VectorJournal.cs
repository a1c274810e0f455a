using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;

namespace AgentProvision.Infrastructure.Memory.Vectors;

/// <summary>
/// The changes made to a collection since its snapshot was written, appended and flushed to disk one batch at a time,
/// so an upsert costs one small write instead of rewriting every vector. Each entry carries its own checksum: a tail
/// torn by a crash (or otherwise damaged) is cut off on opening, with a warning, and everything before it is kept.
/// Header: "APVJ", version, dimension, model name. Entry: payload length, payload (kind, id, tenant id, and for an
/// upsert the agent id and the unit vector as little-endian float32), XxHash32 of the payload.
/// </summary>
internal sealed class VectorJournal : IDisposable
{
    private const int Version = 1;
    private const int GuidBytes = 16;
    private const int MaxModelNameBytes = 1024;
    private const byte UpsertKind = 1;
    private const byte DeleteKind = 2;
    private static readonly byte[] Magic = "APVJ"u8.ToArray();

    private readonly FileStream _stream;
    private readonly long _headerLength;

    private VectorJournal(string path, FileStream stream, long headerLength, int dimension, int entries)
    {
        Path = path;
        _stream = stream;
        _headerLength = headerLength;
        Dimension = dimension;
        Entries = entries;
    }

    public string Path { get; }

    public int Dimension { get; }

    /// <summary>Entries written since the last snapshot; the collection compacts when there are many.</summary>
    public int Entries { get; private set; }

    /// <summary>Creates an empty journal, replacing any file at the path.</summary>
    public static VectorJournal Create(string path, string modelName, int dimension)
    {
        var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read);
        var header = Header(modelName, dimension);
        stream.Write(header);
        stream.Flush(flushToDisk: true);
        return new VectorJournal(path, stream, header.Length, dimension, entries: 0);
    }

    /// <summary>The model name and dimension in a journal's header, or null if the header cannot be read.</summary>
    public static (string ModelName, int Dimension)? ReadHeader(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return TryReadHeader(stream);
    }

    /// <summary>
    /// Opens a journal and hands every intact entry to <paramref name="apply"/> in order. A damaged tail is cut off and
    /// logged; a journal whose header is unreadable is started afresh (also logged), since nothing in it can be trusted.
    /// </summary>
    public static VectorJournal Open(string path, string expectedModelName, int expectedDimension, Action<VectorJournalEntry> apply, ILogger logger)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            if (TryReadHeader(stream) is not { } header)
            {
                logger.LogWarning("Vector journal {Path} has an unreadable header; its changes since the last snapshot are lost", path);
                stream.Dispose();
                return Create(path, expectedModelName, expectedDimension);
            }

            if (header.ModelName != expectedModelName || header.Dimension != expectedDimension)
                throw new VectorIndexMismatchException(path, header.ModelName, header.Dimension, expectedModelName, expectedDimension);

            var headerLength = stream.Position;
            var entries = 0;
            var payload = new byte[PayloadBytes(UpsertKind, expectedDimension)];
            var lengthAndHash = new byte[sizeof(int)];
            while (true)
            {
                var start = stream.Position;
                if (!TryReadEntry(stream, payload, lengthAndHash, expectedDimension, out var entry))
                {
                    if (start < stream.Length)
                    {
                        logger.LogWarning(
                            "Vector journal {Path} has a damaged tail at byte {Offset} of {Length}; the {Dropped} bytes after the last intact change were dropped",
                            path, start, stream.Length, stream.Length - start);
                        stream.SetLength(start);
                        stream.Flush(flushToDisk: true);
                    }

                    stream.Position = start;
                    break;
                }

                apply(entry);
                entries++;
            }

            return new VectorJournal(path, stream, headerLength, expectedDimension, entries);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Appends the changes as one write and flushes them to disk before returning.</summary>
    public void Append(IReadOnlyList<VectorJournalEntry> changes)
    {
        if (changes.Count == 0)
            return;
        using var buffer = new MemoryStream();
        foreach (var change in changes)
            WriteEntry(buffer, change);
        _stream.Write(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        _stream.Flush(flushToDisk: true);
        Entries += changes.Count;
    }

    /// <summary>Empties the journal once a snapshot holds everything it recorded.</summary>
    public void Clear()
    {
        _stream.SetLength(_headerLength);
        _stream.Position = _headerLength;
        _stream.Flush(flushToDisk: true);
        Entries = 0;
    }

    public void Dispose() => _stream.Dispose();

    private void WriteEntry(Stream buffer, VectorJournalEntry change)
    {
        var kind = change.UnitVector is null ? DeleteKind : UpsertKind;
        var payload = new byte[PayloadBytes(kind, Dimension)];
        payload[0] = kind;
        change.Id.TryWriteBytes(payload.AsSpan(1, GuidBytes));
        change.TenantId.TryWriteBytes(payload.AsSpan(1 + GuidBytes, GuidBytes));
        if (change.UnitVector is { } vector)
        {
            change.AgentId.TryWriteBytes(payload.AsSpan(1 + 2 * GuidBytes, GuidBytes));
            MemoryMarshal.AsBytes(vector.AsSpan()).CopyTo(payload.AsSpan(1 + 3 * GuidBytes));
        }

        Span<byte> length = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(length, payload.Length);
        buffer.Write(length);
        buffer.Write(payload);
        Span<byte> hash = stackalloc byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32LittleEndian(hash, XxHash32.HashToUInt32(payload));
        buffer.Write(hash);
    }

    private static bool TryReadEntry(Stream stream, byte[] payload, byte[] fourBytes, int dimension, out VectorJournalEntry entry)
    {
        entry = default;
        if (!TryRead(stream, fourBytes))
            return false;
        var length = BinaryPrimitives.ReadInt32LittleEndian(fourBytes);
        if (length != PayloadBytes(UpsertKind, dimension) && length != PayloadBytes(DeleteKind, dimension))
            return false;
        var body = payload.AsSpan(0, length);
        if (!TryRead(stream, body) || !TryRead(stream, fourBytes))
            return false;
        if (BinaryPrimitives.ReadUInt32LittleEndian(fourBytes) != XxHash32.HashToUInt32(body))
            return false;
        var kind = body[0];
        if (PayloadBytes(kind, dimension) != length)
            return false;
        var id = new Guid(body.Slice(1, GuidBytes));
        var tenantId = new Guid(body.Slice(1 + GuidBytes, GuidBytes));
        if (kind == DeleteKind)
        {
            entry = VectorJournalEntry.Delete(id, tenantId);
            return true;
        }

        var agentId = new Guid(body.Slice(1 + 2 * GuidBytes, GuidBytes));
        var vector = MemoryMarshal.Cast<byte, float>(body[(1 + 3 * GuidBytes)..]).ToArray();
        if (!UnitVector.IsUnit(vector))
            return false;
        entry = VectorJournalEntry.Upsert(id, tenantId, agentId, vector);
        return true;
    }

    private static bool TryRead(Stream stream, Span<byte> buffer)
    {
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return read == buffer.Length;
    }

    private static (string ModelName, int Dimension)? TryReadHeader(Stream stream)
    {
        Span<byte> prefix = stackalloc byte[Magic.Length + 3 * sizeof(int)];
        if (!TryRead(stream, prefix) || !prefix[..Magic.Length].SequenceEqual(Magic))
            return null;
        var version = BinaryPrimitives.ReadInt32LittleEndian(prefix[4..]);
        var dimension = BinaryPrimitives.ReadInt32LittleEndian(prefix[8..]);
        var nameBytes = BinaryPrimitives.ReadInt32LittleEndian(prefix[12..]);
        if (version != Version || dimension <= 0 || nameBytes <= 0 || nameBytes > MaxModelNameBytes)
            return null;
        var name = new byte[nameBytes];
        return TryRead(stream, name) ? (Encoding.UTF8.GetString(name), dimension) : null;
    }

    private static byte[] Header(string modelName, int dimension)
    {
        var name = Encoding.UTF8.GetBytes(modelName);
        if (name.Length > MaxModelNameBytes)
            throw new ArgumentException($"The model name is longer than {MaxModelNameBytes} bytes.", nameof(modelName));
        var header = new byte[Magic.Length + 3 * sizeof(int) + name.Length];
        Magic.CopyTo(header, 0);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), Version);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), dimension);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), name.Length);
        name.CopyTo(header, 16);
        return header;
    }

    private static int PayloadBytes(byte kind, int dimension) => kind switch
    {
        UpsertKind => checked(1 + 3 * GuidBytes + dimension * sizeof(float)),
        DeleteKind => 1 + 2 * GuidBytes,
        _ => -1,
    };
}

/// <summary>One journalled change: an upsert carries the unit vector, a delete does not.</summary>
internal readonly record struct VectorJournalEntry(Guid Id, Guid TenantId, Guid AgentId, float[]? UnitVector)
{
    public static VectorJournalEntry Upsert(Guid id, Guid tenantId, Guid agentId, float[] unitVector) => new(id, tenantId, agentId, unitVector);

    public static VectorJournalEntry Delete(Guid id, Guid tenantId) => new(id, tenantId, Guid.Empty, null);
}
