namespace AgentProvision.Web.Components.Pages.Analytics;

internal static class AnalyticsFormat
{
    /// <summary>Dollars with cents, or with the micro-dollars that small model costs need.</summary>
    public static string Money(decimal amount) => amount is > 0 and < 0.01m ? $"${amount:0.######}" : $"${amount:N2}";
}
