namespace AgentProvision.Web.Components.Shared;

/// <summary>Formats shown to people. Times are UTC and say so: the server does not know the reader's time zone.</summary>
public static class Display
{
    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    public static string When(DateTimeOffset? at, string none) => at is { } value ? When(value) : none;

    public static string Count(int count, string singular, string? plural = null) =>
        $"{count} {(count == 1 ? singular : plural ?? singular + "s")}";
}
