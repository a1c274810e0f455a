namespace AgentProvision.Core.Memory;

/// <summary>One message in an agent's hot context: who said it (user, assistant, tool, an agent's name), what, and when.</summary>
public sealed record HotContextMessage
{
    public const int MaxRoleLength = 50;

    public HotContextMessage(string role, string content, DateTimeOffset sentAt)
    {
        if (string.IsNullOrWhiteSpace(role))
        {
            throw new ArgumentException("A hot context message needs a role.", nameof(role));
        }

        if (role.Length > MaxRoleLength)
        {
            throw new ArgumentException($"A message role is at most {MaxRoleLength} characters; this one has {role.Length}.", nameof(role));
        }

        ArgumentNullException.ThrowIfNull(content);
        Role = role;
        Content = content;
        SentAt = sentAt;
    }

    public string Role { get; }

    public string Content { get; }

    public DateTimeOffset SentAt { get; }
}
