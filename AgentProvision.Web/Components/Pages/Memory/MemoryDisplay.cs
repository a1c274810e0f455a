using System.Globalization;
using AgentProvision.Core.Agents;
using AgentProvision.Core.Memory;
using MudBlazor;

namespace AgentProvision.Web.Components.Pages.Memory;

/// <summary>How memories are written on the inspector, so the list, the playground and the summaries agree.</summary>
public static class MemoryDisplay
{
    public static IReadOnlyList<MemoryType> Types { get; } = Enum.GetValues<MemoryType>();

    public static IReadOnlyList<MemorySource> Sources { get; } = Enum.GetValues<MemorySource>();

    public static IReadOnlyList<MemorySort> Sorts { get; } = Enum.GetValues<MemorySort>();

    public static string Title(MemorySource source) => source == MemorySource.UserFeedback ? "User feedback" : source.ToString();

    public static string Title(MemorySort sort) => sort switch
    {
        MemorySort.Newest => "Newest first",
        MemorySort.Oldest => "Oldest first",
        MemorySort.MostImportant => "Most important",
        MemorySort.MostRecalled => "Most recalled",
        _ => "Expiring soonest",
    };

    public static Color TypeColor(MemoryType type) => type switch
    {
        MemoryType.Fact => Color.Primary,
        MemoryType.Experience => Color.Secondary,
        MemoryType.Skill or MemoryType.Procedure => Color.Success,
        MemoryType.Preference => Color.Warning,
        _ => Color.Info,
    };

    /// <summary>0–1 as two decimals: score parts and importance are read side by side, so they share one format.</summary>
    public static string Fraction(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)].TrimEnd() + "…";

    public static string Milliseconds(TimeSpan elapsed) =>
        elapsed.TotalMilliseconds.ToString(elapsed.TotalMilliseconds < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>The errors the memory pages show as they are: their messages are written for people.</summary>
    public static bool IsForPeople(Exception error) => error is MemoryException or AgentDomainException or UnauthorizedAccessException;
}
