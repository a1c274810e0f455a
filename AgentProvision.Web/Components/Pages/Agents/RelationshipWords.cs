using AgentProvision.Core.Agents;

namespace AgentProvision.Web.Components.Pages.Agents;

/// <summary>A relationship type as people read it on a link: "collaborates with", not CollaboratesWith.</summary>
public static class RelationshipWords
{
    public static string Words(this RelationshipType type) => type switch
    {
        RelationshipType.Supervises => "supervises",
        RelationshipType.DelegatesTo => "delegates to",
        RelationshipType.CollaboratesWith => "collaborates with",
        RelationshipType.ReportsTo => "reports to",
        _ => "consults",
    };
}
