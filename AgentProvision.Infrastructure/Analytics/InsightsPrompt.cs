using System.Globalization;
using System.Text.Json;
using AgentProvision.Core.Analytics;
using Microsoft.Extensions.AI;

namespace AgentProvision.Infrastructure.Analytics;

/// <summary>The request for insights (the figures as JSON) and a lenient reader of the model's JSON answer.</summary>
internal static class InsightsPrompt
{
    public static List<ChatMessage> Messages(string assistantName, string organisation, AnalyticsReport report, bool withRecommendations)
    {
        var figures = new
        {
            range = new { from = report.From, to = report.To, period = "daily" },
            totals = report.Totals,
            previousRange = report.PreviousTotals,
            days = report.Points.Select(p => new
            {
                day = p.PeriodStart.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                p.Messages, p.Tasks, p.TasksCompleted, p.TasksFailed, p.Tokens, p.Cost,
            }),
            byAgent = report.ByAgent.Select(a => new { a.Name, a.Messages, a.Tasks, a.Tokens, a.Cost }),
            byModel = report.ByModel.Select(m => new { m.Model, m.Provider, m.Calls, m.Tokens, m.Cost }),
            anomalies = report.Anomalies.Anomalies,
            monthEndForecast = report.Forecast,
        };
        var ask = withRecommendations
            ? "Answer with JSON only, no prose around it: {\"insights\": [3 short strings], \"recommendations\": [3 short strings]}."
            : "Answer with JSON only, no prose around it: {\"insights\": [3 short strings]}.";
        return
        [
            new ChatMessage(ChatRole.System,
                $"You are {assistantName}, the AI assistant of {organisation}. You read the organisation's usage analytics of its AI agents " +
                "(costs in USD) and point out what matters: trends, unusual days, which agents and models drive cost, and whether the month will " +
                "stay within budget. Use only the figures given; do not invent numbers. " + ask),
            new ChatMessage(ChatRole.User, "The figures of the last 30 days:\n" + JsonSerializer.Serialize(figures, AnalyticsJson.Options)),
        ];
    }

    public sealed record Answer(List<string> Insights, List<string> Recommendations);

    /// <summary>The answer's lists, from the first JSON object in the text (models like code fences); null when there is none.</summary>
    public static Answer? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var start = text.IndexOf('{');
        var end = text.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(text[start..(end + 1)]);
            return new Answer(Items(json.RootElement, "insights"), Items(json.RootElement, "recommendations"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static List<string> Items(JsonElement root, string name)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(name, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return list.EnumerateArray()
            .Select(item => item.ValueKind switch
            {
                JsonValueKind.String => item.GetString(),
                JsonValueKind.Object when item.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String => t.GetString(),
                JsonValueKind.Object when item.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String => t.GetString(),
                _ => null,
            })
            .Where(s => !string.IsNullOrWhiteSpace(s))
            .Select(s => s!.Trim().Length > 600 ? s.Trim()[..600] : s.Trim())
            .ToList();
    }
}
