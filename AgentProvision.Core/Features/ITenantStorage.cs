namespace AgentProvision.Core.Features;

/// <summary>
/// What a tenant stores, measured against its plan's <see cref="FeatureSettings.StorageLimitGb"/>. Writers that add
/// content (memories, brand images, later datasets) ask for room first, so the limit holds in the services.
/// </summary>
public interface ITenantStorage
{
    /// <summary>The current tenant's usage; measured at most once a minute, plus what was added since.</summary>
    Task<StorageUsage> MeasureAsync(CancellationToken cancellationToken = default);

    /// <summary>Throws <see cref="StorageLimitExceededException"/> when <paramref name="bytes"/> more would pass the limit.</summary>
    Task EnsureRoomAsync(long bytes, CancellationToken cancellationToken = default);
}

/// <summary>
/// Bytes by kind. Text is counted one byte per character (UTF-16 code unit), as stored text is mostly ASCII; each
/// memory also counts its embedding vector (<see cref="VectorBytesPerMemory"/>, 384 float32 values of the local model).
/// </summary>
public sealed record StorageUsage(long BrandImages, long Memories, long Knowledge, long TasksAndMessages, long LimitBytes)
{
    public const long VectorBytesPerMemory = 384 * sizeof(float);

    public long Total => BrandImages + Memories + Knowledge + TasksAndMessages;

    public double Share => LimitBytes <= 0 ? 1 : Math.Min(1, (double)Total / LimitBytes);

    public static long GigabytesToBytes(double gigabytes) => (long)(gigabytes * 1024 * 1024 * 1024);
}

/// <summary>A write refused because the tenant's plan has no storage left.</summary>
public sealed class StorageLimitExceededException(long limitBytes, long usedBytes, long requestedBytes)
    : InvalidOperationException(
        $"Refused: your plan allows {StorageText.Format(limitBytes)} of storage and {StorageText.Format(usedBytes)} is used, " +
        $"so {StorageText.Format(requestedBytes)} more does not fit. Forget memories you no longer need, or ask a platform admin " +
        "to raise the limit in Features (/settings/features).")
{
    public long LimitBytes { get; } = limitBytes;

    public long UsedBytes { get; } = usedBytes;
}

public static class StorageText
{
    public static string Format(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        < 1024L * 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.#} MB",
        _ => $"{bytes / (1024.0 * 1024 * 1024):0.##} GB",
    };
}
