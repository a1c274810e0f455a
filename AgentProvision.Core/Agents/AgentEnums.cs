namespace AgentProvision.Core.Agents;

/// <summary>How much an agent may do without a person (design §2.1).</summary>
public enum AutonomyLevel
{
    Full,
    Supervised,
    ApprovalRequired,
}

public enum RelationshipType
{
    Supervises,
    DelegatesTo,
    CollaboratesWith,
    ReportsTo,
    Consults,
}

public enum CommunicationStyle
{
    Sync,
    Async,
    Broadcast,
}

public enum SkillSource
{
    Training,
    Observation,
    Practice,
    Feedback,
}

/// <summary>An agent or team rule was broken; the message is fit to show next to the field.</summary>
public sealed class AgentDomainException(string message) : InvalidOperationException(message);
