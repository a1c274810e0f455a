using AgentProvision.Core.Agents;
using AgentProvision.Core.Orchestration;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;

namespace AgentProvision.Web.Components.Pages.Agents.Hierarchy;

/// <summary>A diagram node for one agent; its widget shows the agent card and what the agent is doing now.</summary>
public sealed class AgentNode(AgentView agent, Point position) : NodeModel(agent.Id.ToString(), position)
{
    public AgentView Agent { get; private set; } = agent;

    /// <summary>Whether the view knows the team's live activity at all; without it the card shows no activity line.</summary>
    public bool ActivityKnown { get; private set; }

    /// <summary>The agent's most recent unfinished task, or null when it is idle.</summary>
    public AgentActivity? Activity { get; private set; }

    /// <summary>Live updates replace the agent and refresh this node only, never the whole diagram.</summary>
    public void Update(AgentView agent)
    {
        Agent = agent;
        Refresh();
    }

    /// <summary>Shows what the agent does now; refreshes the node only when that changed.</summary>
    public void ShowActivity(AgentActivity? activity)
    {
        if (ActivityKnown && Activity == activity)
        {
            return;
        }

        ActivityKnown = true;
        Activity = activity;
        Refresh();
    }
}
