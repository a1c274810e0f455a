using AgentProvision.Core.Agents;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;

namespace AgentProvision.Web.Components.Pages.Agents.Hierarchy;

/// <summary>A diagram node for one agent; its widget shows the agent card.</summary>
public sealed class AgentNode(AgentView agent, Point position) : NodeModel(agent.Id.ToString(), position)
{
    public AgentView Agent { get; private set; } = agent;

    /// <summary>Live updates replace the agent and refresh this node only, never the whole diagram.</summary>
    public void Update(AgentView agent)
    {
        Agent = agent;
        Refresh();
    }
}
