namespace AgentProvision.Core.Identity;

/// <summary>The person acting in the current request or circuit.</summary>
public interface ICurrentUser
{
    Guid? UserId { get; }

    string Name { get; }

    string? IpAddress { get; }

    bool IsInRole(string role);
}
