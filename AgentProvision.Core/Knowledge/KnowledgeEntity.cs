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

    /// <summary>Learning it again: new attribute values win, others are kept; confidence moves to the stronger claim.</summary>
    public void Merge(string? attributesJson, double confidence, DateTimeOffset now)
    {
        var merged = JsonNode.Parse(Attributes)!.AsObject();
        foreach (var (key, value) in JsonNode.Parse(RequireObject(attributesJson))!.AsObject())
        {
            merged[key] = value?.DeepClone();
        }

        Attributes = merged.ToJsonString();
        Confidence = Math.Max(Confidence, RequireConfidence(confidence));
        UpdatedAt = now;
    }

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
