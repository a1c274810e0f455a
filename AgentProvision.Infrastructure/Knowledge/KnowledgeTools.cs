using System.ComponentModel;
using System.Text.Json;
using AgentProvision.Core.Knowledge;
using Microsoft.Extensions.AI;

namespace AgentProvision.Infrastructure.Knowledge;

/// <summary>
/// The knowledge graph as tools for an agent (and for the MCP endpoint): <c>learn_entity</c> and <c>query_knowledge</c>,
/// bound to one agent of the current tenant. Answers are compact JSON; a call that breaks a rule answers
/// <c>{"error": "..."}</c> so the model can correct itself and the turn goes on.
/// </summary>
public sealed class KnowledgeTools
{
    public const string LearnEntity = "learn_entity";
    public const string QueryKnowledge = "query_knowledge";

    private readonly IKnowledgeGraph _graph;
    private readonly Guid _agentId;

    private KnowledgeTools(IKnowledgeGraph graph, Guid agentId)
    {
        _graph = graph;
        _agentId = agentId;
    }

    public static IReadOnlyList<AIFunction> For(IKnowledgeGraph graph, Guid agentId)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var tools = new KnowledgeTools(graph, agentId);
        return
        [
            AIFunctionFactory.Create(tools.LearnAsync, LearnEntity,
                "Record something you learned in the organisation's knowledge graph: an entity (a person, company, customer, product, " +
                "concept…) with facts about it, and optionally its relations to other entities. Learning a known entity again adds to " +
                "it; a relation that can only have one value at a time (works_at, lives_in, reports_to, status…) ends the old value."),
            AIFunctionFactory.Create(tools.QueryAsync, QueryKnowledge,
                "Look up what the organisation knows about an entity: its facts and its relations, up to 4 hops away, optionally only " +
                "some relation types, as true on a given date; or how it connects to a second entity (paths)."),
        ];
    }

    private async Task<string> LearnAsync(
        [Description("What kind of thing it is, e.g. person, company, customer, product, concept.")] string entityType,
        [Description("Its name as people write it.")] string name,
        [Description("Facts about it as a JSON object, e.g. {\"industry\": \"retail\", \"employees\": 120}.")] JsonElement? attributes = null,
        [Description("How sure you are, from 0 to 1.")] double confidence = 0.7,
        [Description("Relations of this entity to others, each learned along with it.")] RelationArgument[]? relations = null,
        CancellationToken cancellationToken = default) =>
        await AnswerAsync(async () =>
        {
            var learned = await _graph.LearnEntityAsync(_agentId,
                new LearnEntityInput(entityType, name, AttributesJson(attributes), confidence), cancellationToken);
            var related = new List<object>();
            foreach (var relation in relations ?? [])
            {
                try
                {
                    related.Add(await RelateAsync(learned.Entity, relation, cancellationToken));
                }
                catch (Exception ex) when (ex is KnowledgeException or FormatException)
                {
                    // The entity is recorded already; say which relation failed so only that one is sent again.
                    related.Add(new { error = ex.Message, relation = relation.Type, target = relation.TargetName });
                }
            }

            return new
            {
                entity = Brief(learned.Entity),
                match = learned.Match.ToString().ToLowerInvariant(),
                similarity = learned.Similarity is { } score ? Math.Round(score, 3) : (double?)null,
                relations = related.Count == 0 ? null : related,
            };
        });

    private async Task<string> QueryAsync(
        [Description("The name of the entity to look up.")] string name,
        [Description("Its type, when the name alone is ambiguous.")] string? entityType = null,
        [Description("Only relations of these types, e.g. [\"works_at\"]; all when empty.")] string[]? relationTypes = null,
        [Description("A date (yyyy-MM-dd) to answer as of; today when empty.")] string? asOf = null,
        [Description("How many relations away to look, 1 to 4 (1 for facts, 3 for paths when empty).")] int? hops = null,
        [Description("both, outgoing or incoming.")] string direction = "both",
        [Description("A second entity's name: answer how the two connect instead.")] string? pathTo = null,
        [Description("The second entity's type, when its name is ambiguous.")] string? pathToType = null,
        CancellationToken cancellationToken = default) =>
        await AnswerAsync(async () =>
        {
            var at = Date(asOf);
            var way = Direction(direction);
            var entity = await EntityAsync(name, entityType, cancellationToken);
            if (!string.IsNullOrWhiteSpace(pathTo))
            {
                var target = await EntityAsync(pathTo, pathToType, cancellationToken);
                var paths = await _graph.PathsAsync(entity.Id, target.Id, new PathQuery(hops ?? 3, relationTypes, at, way), cancellationToken);
                return new
                {
                    from = Brief(entity),
                    to = Brief(target),
                    paths = paths.Select(p => p.Relations.Select(Fact).ToList()).ToList(),
                    note = paths.Count == 0 ? $"No connection within {hops ?? 3} hops." : null,
                };
            }

            var detail = (await _graph.GetAsync(entity.Id, cancellationToken))!;
            var around = (await _graph.NeighboursAsync(entity.Id, new NeighbourQuery(relationTypes, at, way, hops ?? 1), cancellationToken))!;
            return new
            {
                entity = Brief(entity),
                attributes = JsonDocument.Parse(detail.AttributesJson).RootElement,
                confidence = Math.Round(entity.Confidence, 3),
                relations = around.Relations.Select(Fact).ToList(),
                truncated = around.Truncated ? true : (bool?)null,
            };
        });

    private async Task<object> RelateAsync(EntitySummary subject, RelationArgument relation, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(relation.TargetName) || string.IsNullOrWhiteSpace(relation.TargetType))
        {
            throw new KnowledgeException("Each relation needs a targetType and a targetName.");
        }

        var target = EntityRef.Named(relation.TargetType, relation.TargetName);
        var incoming = Direction(relation.Direction ?? "outgoing") == RelationDirection.Incoming;
        var evidence = string.IsNullOrWhiteSpace(relation.Evidence) ? null : JsonSerializer.Serialize(new[] { relation.Evidence.Trim() });
        var result = await _graph.RelateAsync(_agentId, new RelateInput(
            incoming ? target : EntityRef.ById(subject.Id), relation.Type ?? string.Empty, incoming ? EntityRef.ById(subject.Id) : target,
            relation.Strength ?? 0.7, evidence, Date(relation.ValidFrom), relation.Replaces ?? false), cancellationToken);
        return new
        {
            fact = Fact(result.Relation),
            reinforced = result.Reinforced ? true : (bool?)null,
            ended = result.Closed.Count == 0 ? null : result.Closed.Select(Fact).ToList(),
        };
    }

    private async Task<EntitySummary> EntityAsync(string name, string? type, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new KnowledgeException("Give the name of an entity.");
        }

        var found = await _graph.FindAsync(name, type, cancellationToken);
        if (found.Count == 1)
        {
            return found[0];
        }

        if (found.Count > 1)
        {
            throw new KnowledgeException($"\"{name}\" names {found.Count} entities; add entityType, one of: {string.Join(", ", found.Select(f => f.EntityType))}.");
        }

        var similar = await _graph.SearchAsync(name, type, 5, cancellationToken);
        throw new KnowledgeException(similar.Count == 0
            ? $"Nothing named \"{name}\" is known."
            : $"Nothing named \"{name}\" is known. Close names: {string.Join("; ", similar.Select(s => $"{s.Name} ({s.EntityType})"))}.");
    }

    private static async Task<string> AnswerAsync(Func<Task<object>> answer)
    {
        try
        {
            return JsonSerializer.Serialize(await answer(), Json);
        }
        catch (Exception ex) when (ex is KnowledgeException or FormatException)
        {
            return JsonSerializer.Serialize(new { error = ex.Message }, Json);
        }
    }

    private static object Brief(EntitySummary entity) => new { type = entity.EntityType, name = entity.Name };

    private static object Fact(RelationView r) => new
    {
        from = r.FromName,
        type = r.RelationType,
        to = r.ToName,
        strength = Math.Round(r.Strength, 3),
        since = r.ValidFrom.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        until = r.ValidTo?.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string? AttributesJson(JsonElement? attributes) => attributes switch
    {
        null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        // Models sometimes send the object as a string of JSON.
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        { } value => value.GetRawText(),
    };

    private static DateTimeOffset? Date(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : throw new FormatException($"\"{value}\" is not a date; write it as yyyy-MM-dd.");
    }

    private static RelationDirection Direction(string value) => value.Trim().ToLowerInvariant() switch
    {
        "" or "both" => RelationDirection.Both,
        "out" or "outgoing" => RelationDirection.Outgoing,
        "in" or "incoming" => RelationDirection.Incoming,
        _ => throw new FormatException($"direction is both, outgoing or incoming, not \"{value}\"."),
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>One relation of a learned entity, as the model writes it.</summary>
public sealed class RelationArgument
{
    [Description("The relation, lower case with underscores, e.g. works_at, purchased, prefers, located_in.")]
    public string? Type { get; set; }

    [Description("The other entity's type.")]
    public string? TargetType { get; set; }

    [Description("The other entity's name.")]
    public string? TargetName { get; set; }

    [Description("outgoing (this entity → the other, the default) or incoming (the other → this entity).")]
    public string? Direction { get; set; }

    [Description("How strongly the evidence supports it, 0 to 1.")]
    public double? Strength { get; set; }

    [Description("What supports it: a quote, a source, a task.")]
    public string? Evidence { get; set; }

    [Description("The date (yyyy-MM-dd) it became true; today when empty.")]
    public string? ValidFrom { get; set; }

    [Description("True when this replaces the entity's earlier relation of the same type (it moved, changed jobs, ...).")]
    public bool? Replaces { get; set; }
}
