using System.Text.Json;

namespace AgentProvision.Core.Memory;

/// <summary>The input checks every <see cref="IHotContextStore"/> makes, so that all of them refuse the same things.</summary>
public static class HotContextGuard
{
    public static void EnsureFits(HotContextMessage message, HotContextOptions options)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Content.Length > options.MaxMessageLength)
        {
            throw new ArgumentException(
                $"A hot context message is at most {options.MaxMessageLength} characters; this one has {message.Content.Length}.",
                nameof(message));
        }
    }

    public static void EnsureFits(string taskContextJson, HotContextOptions options)
    {
        ArgumentNullException.ThrowIfNull(taskContextJson);
        if (taskContextJson.Length > options.MaxTaskContextLength)
        {
            throw new ArgumentException(
                $"A task context is at most {options.MaxTaskContextLength} characters; this one has {taskContextJson.Length}.",
                nameof(taskContextJson));
        }

        try
        {
            using var _ = JsonDocument.Parse(taskContextJson);
        }
        catch (JsonException error)
        {
            throw new ArgumentException($"A task context must be a JSON document: {error.Message}", nameof(taskContextJson), error);
        }
    }
}
