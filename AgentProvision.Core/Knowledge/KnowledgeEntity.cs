using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentProvision.Core.Tenancy;

namespace AgentProvision.Core.Knowledge;

/// <summary>
/// A thing the tenant's agents know about (design §3.2 KnowledgeEntity): a customer, a product, a person. Unique per
/// tenant by type and normalised name, so learning it again merges into the same entity.
/// </summary>
public sealed class KnowledgeEntity : ITenantOwned
{
    public const string AliasesKey = "aliases";

    private KnowledgeEntity()
    {
        EntityType = Name = NormalizedName = string.Empty;
        Attributes = "{}";
    }

    public KnowledgeEntity(Guid tenantId, string entityType, string name, string? attributesJson, double confidence, Guid? sourceAgentId,
        DateTimeOffset now)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        EntityType = NormalizeType(entityType);
        Name = RequireName(name);
        NormalizedName = Normalize(name);
        Attributes = RequireObject(attributesJson);
        Confidence = RequireConfidence(confidence);
        SourceAgentId = sourceAgentId;
        CreatedAt = UpdatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }

    /// <summary>"customer", "product", "concept", "person" (lower case).</summary>
    public string EntityType { get; private set; }

    public string Name { get; private set; }

    /// <summary>Lower case, single-spaced: what "the same entity" is matched on.</summary>
    public string NormalizedName { get; private set; }

    /// <summary>JSON object of what is known about it.</summary>
    public string Attributes { get; private set; }

    public double Confidence { get; private set; }
    public Guid? SourceAgentId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The name's embedding (little-endian floats), for matching a differently written name; null until needed.</summary>
    public byte[]? NameEmbedding { get; private set; }

    /// <summary>The model that made <see cref="NameEmbedding"/>: vectors of two models are not comparable.</summary>
    public string? NameEmbeddingModel { get; private set; }

    /// <summary>Names this entity was also learned or merged under, kept in the attributes as "aliases".</summary>
    public IReadOnlyList<string> Aliases =>
        JsonNode.Parse(Attributes)?[AliasesKey] is JsonArray aliases ? aliases.Select(a => a?.ToString() ?? string.Empty).ToList() : [];

    /// <summary>Learning it again: new attribute values win, others are kept; confidence moves to the stronger claim.</summary>
    public void Merge(string? attributesJson, double confidence, DateTimeOffset now)
    {
        var merged = JsonNode.Parse(Attributes)!.AsObject();
        var learned = JsonNode.Parse(RequireObject(attributesJson))!.AsObject();
        foreach (var (key, value) in learned.Where(p => p.Key != AliasesKey))
        {
            merged[key] = value?.DeepClone();
        }

        Attributes = merged.ToJsonString();
        // Aliases accumulate: a new list must not forget the names the entity was already known by.
        if (learned[AliasesKey] is JsonArray aliases)
        {
            foreach (var alias in aliases.Select(a => a?.ToString()).Where(a => !string.IsNullOrWhiteSpace(a)))
            {
                AddAlias(alias!);
            }
        }

        Confidence = Math.Max(Confidence, RequireConfidence(confidence));
        UpdatedAt = now;
    }

    /// <summary>A person's edit: the values given replace the old ones, attributes included; a new name drops the old embedding.</summary>
    public void Edit(string entityType, string name, string? attributesJson, double confidence, DateTimeOffset now)
    {
        var normalized = Normalize(name);
        EntityType = NormalizeType(entityType);
        if (normalized != NormalizedName)
        {
            NameEmbedding = null;
            NameEmbeddingModel = null;
        }

        Name = RequireName(name);
        NormalizedName = normalized;
        Attributes = RequireObject(attributesJson);
        Confidence = RequireConfidence(confidence);
        UpdatedAt = now;
    }

    /// <summary>
    /// Takes in an entity found to be the same thing: this entity's own attribute values stay, the other's fill the gaps,
    /// its name becomes an alias and the stronger confidence wins.
    /// </summary>
    public void Absorb(KnowledgeEntity other, DateTimeOffset now)
    {
        var own = JsonNode.Parse(Attributes)!.AsObject();
        foreach (var (key, value) in JsonNode.Parse(other.Attributes)!.AsObject())
        {
            if (key != AliasesKey && !own.ContainsKey(key))
            {
                own[key] = value?.DeepClone();
            }
        }

        Attributes = own.ToJsonString();
        foreach (var alias in other.Aliases.Prepend(other.Name))
        {
            AddAlias(alias);
        }

        Confidence = Math.Max(Confidence, other.Confidence);
        UpdatedAt = now;
    }

    /// <summary>Remembers another way of writing the name, unless it is this name or already known.</summary>
    public void AddAlias(string name)
    {
        var alias = RequireName(name);
        if (Normalize(alias) == NormalizedName || Aliases.Any(a => Normalize(a) == Normalize(alias)))
        {
            return;
        }

        var attributes = JsonNode.Parse(Attributes)!.AsObject();
        if (attributes[AliasesKey] is not JsonArray aliases)
        {
            aliases = [];
            attributes[AliasesKey] = aliases;
        }

        aliases.Add(alias);
        Attributes = attributes.ToJsonString();
    }

    public void SetNameEmbedding(ReadOnlySpan<float> vector, string model)
    {
        NameEmbedding = MemoryMarshal.AsBytes(vector).ToArray();
        NameEmbeddingModel = model;
    }

    /// <summary>The name's vector if it was made by <paramref name="model"/>, else null (it must be embedded again).</summary>
    public float[]? NameVector(string model) =>
        NameEmbedding is { } bytes && NameEmbeddingModel == model ? MemoryMarshal.Cast<byte, float>(bytes).ToArray() : null;

    public static string Normalize(string name) => string.Join(' ', RequireName(name).ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    public static string NormalizeType(string type)
    {
        var value = (type ?? string.Empty).Trim().ToLowerInvariant();
        return value.Length is > 0 and <= 40 ? value : throw new KnowledgeException("An entity type is 1 to 40 characters.");
    }

    private static string RequireName(string name)
    {
        var value = (name ?? string.Empty).Trim();
        return value.Length is > 0 and <= 200 ? value : throw new KnowledgeException("An entity name is 1 to 200 characters.");
    }

    internal static double RequireConfidence(double value) =>
        value is >= 0 and <= 1 && !double.IsNaN(value) ? value : throw new KnowledgeException("Confidence is between 0 and 1.");

    private static string RequireObject(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return "{}";
        }

        try
        {
            return JsonNode.Parse(json) is JsonObject obj ? obj.ToJsonString() : throw new KnowledgeException("Attributes must be a JSON object.");
        }
        catch (JsonException error)
        {
            throw new KnowledgeException($"Attributes are not valid JSON: {error.Message}");
        }
    }
}

/// <summary>A knowledge rule was broken; the message is fit to show the person or the agent.</summary>
public sealed class KnowledgeException(string message) : InvalidOperationException(message);
