using AgentProvision.Core.Knowledge;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;

namespace AgentProvision.Web.Components.Pages.Knowledge.Graph;

/// <summary>A diagram node for one entity; its widget shows the entity's card with buttons to expand it and open its details.</summary>
public sealed class EntityNode : NodeModel
{
    public EntityNode(EntitySummary entity, Point position) : base(entity.Id.ToString(), position)
    {
        Entity = entity;
        Size = new Size(ForceLayout.NodeWidth, ForceLayout.NodeHeight);
        Locked = true;
    }

    public EntitySummary Entity { get; }

    /// <summary>Its neighbours are on the diagram already.</summary>
    public bool Expanded { get; private set; }

    /// <summary>Its details are open beside the diagram.</summary>
    public bool Chosen { get; private set; }

    /// <summary>Changes the card's state and refreshes this node only, never the whole diagram.</summary>
    public void Show(bool expanded, bool selected)
    {
        if (Expanded == expanded && Chosen == selected)
        {
            return;
        }

        (Expanded, Chosen) = (expanded, selected);
        Refresh();
    }
}
