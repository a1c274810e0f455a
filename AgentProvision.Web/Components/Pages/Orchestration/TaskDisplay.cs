using System.Globalization;
using System.Text.Json;
using AgentProvision.Core.Agents;
using AgentProvision.Core.Llm;
using AgentProvision.Core.Orchestration;
using MudBlazor;

namespace AgentProvision.Web.Components.Pages.Orchestration;

/// <summary>How tasks are written and coloured on every orchestration page, so the board and the detail agree.</summary>
public static class TaskDisplay
{
    public static IReadOnlyList<AgentTaskStatus> Statuses { get; } = Enum.GetValues<AgentTaskStatus>();

    public static IReadOnlyList<TaskPriority> Priorities { get; } = Enum.GetValues<TaskPriority>();

    /// <summary>"Waiting for input" as a heading; <see cref="TaskStatusWords"/> gives the lower-case word for sentences.</summary>
    public static string Title(AgentTaskStatus status) => Capitalise(TaskStatusWords.Of(status));

    public static string Title(TaskPriority priority) => priority.ToString();

    public static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    public static Color StatusColor(AgentTaskStatus status) => status switch
    {
        AgentTaskStatus.Queued => Color.Default,
        AgentTaskStatus.Thinking or AgentTaskStatus.Executing => Color.Info,
        AgentTaskStatus.WaitingInput => Color.Warning,
        AgentTaskStatus.Delegated or AgentTaskStatus.Reviewing => Color.Secondary,
        AgentTaskStatus.Completed => Color.Success,
        _ => Color.Error,
    };

    public static string StatusIcon(AgentTaskStatus status) => status switch
    {
        AgentTaskStatus.Queued => Icons.Material.Outlined.Schedule,
        AgentTaskStatus.Thinking => Icons.Material.Outlined.Psychology,
        AgentTaskStatus.Executing => Icons.Material.Outlined.PlayCircle,
        AgentTaskStatus.WaitingInput => Icons.Material.Outlined.PanTool,
        AgentTaskStatus.Delegated => Icons.Material.Outlined.CallSplit,
        AgentTaskStatus.Reviewing => Icons.Material.Outlined.RateReview,
        AgentTaskStatus.Completed => Icons.Material.Outlined.CheckCircle,
        _ => Icons.Material.Outlined.ErrorOutline,
    };

    public static Color PriorityColor(TaskPriority priority) => priority switch
    {
        TaskPriority.Critical => Color.Error,
        TaskPriority.High => Color.Warning,
        TaskPriority.Normal => Color.Primary,
        _ => Color.Default,
    };

    /// <summary>Dollars from micro-dollars; sub-cent amounts keep their digits so a cheap call never reads as free.</summary>
    public static string Money(long micros)
    {
        var amount = BudgetCounter.FromMicros(micros);
        return amount is > 0 and < 0.01m
            ? "$" + amount.ToString("0.######", CultureInfo.InvariantCulture)
            : "$" + amount.ToString("0.00", CultureInfo.InvariantCulture);
    }

    public static string Tokens(long tokens) => tokens.ToString("N0", CultureInfo.InvariantCulture);

    public static string Confidence(double? confidence) => confidence is { } value ? value.ToString("0%", CultureInfo.InvariantCulture) : "not stated";

    public static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)].TrimEnd() + "…";

    /// <summary>Pretty JSON when the text is JSON, the text itself otherwise.</summary>
    public static string Pretty(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed[0] is not ('{' or '['))
        {
            return text;
        }

        try
        {
            using var document = JsonDocument.Parse(trimmed);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return text;
        }
    }

    /// <summary>
    /// A message's content for reading: a flat JSON object (what the engine writes) as "key: value" lines, other JSON
    /// pretty-printed, anything else as it is.
    /// </summary>
    public static string Readable(string content)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || root.EnumerateObject().Any(p => p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array))
            {
                return Pretty(content);
            }

            return string.Join('\n', JsonPairs.Of(root));
        }
        catch (JsonException)
        {
            return content;
        }
    }

    /// <summary>The errors a task action raises for people: their messages are written to be shown as they are.</summary>
    public static bool IsForPeople(Exception error) =>
        error is TaskRequestException or TaskTransitionException or ApprovalException or AgentDomainException or UnauthorizedAccessException;

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
