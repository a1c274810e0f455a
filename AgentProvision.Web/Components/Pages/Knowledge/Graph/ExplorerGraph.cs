using AgentProvision.Core.Knowledge;

namespace AgentProvision.Web.Components.Pages.Knowledge.Graph;

/// <summary>
/// The part of the knowledge graph on screen: the neighbourhoods of the entities the person expanded, merged. Adding a
/// neighbourhood grows it; <see cref="Reset"/> (a changed filter or date) starts a new generation, which is drawn anew.
/// </summary>
public sealed class ExplorerGraph
{
    private readonly Dictionary<Guid, EntitySummary> _entities = [];
    private readonly Dictionary<Guid, RelationView> _relations = [];
    private readonly List<Guid> _expanded = [];

    public int Generation { get; private set; }

    public IReadOnlyCollection<EntitySummary> Entities => _entities.Values;

    public IReadOnlyCollection<RelationView> Relations => _relations.Values;

    /// <summary>The expanded entities, in the order they were expanded.</summary>
    public IReadOnlyList<Guid> Expanded => _expanded;

    /// <summary>Some neighbourhood had more entities than it could show.</summary>
    public bool Truncated { get; private set; }

    public bool IsEmpty => _entities.Count == 0;

    public bool IsExpanded(Guid entityId) => _expanded.Contains(entityId);

    public bool Contains(Guid entityId) => _entities.ContainsKey(entityId);

    public void Add(Neighbourhood neighbourhood)
    {
        _entities[neighbourhood.Centre.Id] = neighbourhood.Centre;
        foreach (var neighbour in neighbourhood.Entities)
        {
            _entities[neighbour.Entity.Id] = neighbour.Entity;
        }

        foreach (var relation in neighbourhood.Relations)
        {
            _relations[relation.Id] = relation;
        }

        if (!_expanded.Contains(neighbourhood.Centre.Id))
        {
            _expanded.Add(neighbourhood.Centre.Id);
        }

        Truncated |= neighbourhood.Truncated;
    }

    public void Reset()
    {
        _entities.Clear();
        _relations.Clear();
        _expanded.Clear();
        Truncated = false;
        Generation++;
    }
}
