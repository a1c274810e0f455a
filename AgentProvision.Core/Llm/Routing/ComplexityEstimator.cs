using System.Text.RegularExpressions;

namespace AgentProvision.Core.Llm;

/// <summary>
/// A cheap, deterministic guess at how demanding a prompt is, so routine work can go to cheaper models.
/// Points: length (over ~400, ~1,500 and ~6,000 estimated tokens), each reasoning cue ("analyse", "prove", "step by
/// step", "trade-off", code fences …, at most 4), several questions or numbered steps; routine cues ("summarise",
/// "translate", "classify", "extract", "rewrite") take one point off. 0–1 is low, 2–3 medium, 4+ high.
/// </summary>
public static partial class ComplexityEstimator
{
    public static Complexity Estimate(string? prompt)
    {
        if (string.IsNullOrWhiteSpace(prompt))
        {
            return Complexity.Low;
        }

        var tokens = EstimateTokens(prompt);
        var score = tokens switch
        {
            > 6000 => 3,
            > 1500 => 2,
            > 400 => 1,
            _ => 0,
        };
        score += Math.Min(4, ReasoningCues().Matches(prompt).Count);
        if (prompt.Count(c => c == '?') >= 3 || NumberedSteps().Matches(prompt).Count >= 3)
        {
            score += 1;
        }

        if (RoutineCues().IsMatch(prompt))
        {
            score -= 1;
        }

        return score switch
        {
            >= 4 => Complexity.High,
            >= 2 => Complexity.Medium,
            _ => Complexity.Low,
        };
    }

    /// <summary>About four characters a token for English text; used only for estimates, never for billing.</summary>
    public static int EstimateTokens(string? text) => string.IsNullOrEmpty(text) ? 0 : (text.Length + 3) / 4;

    [GeneratedRegex(@"\b(analy[sz]e|analysis|prove|proof|derive|reason|step[- ]by[- ]step|trade-?offs?|architect|design|strategy|evaluate|compare|optimi[sz]e|debug|refactor|plan)\b|```", RegexOptions.IgnoreCase)]
    private static partial Regex ReasoningCues();

    [GeneratedRegex(@"^\s*\d+[.)]\s", RegexOptions.Multiline)]
    private static partial Regex NumberedSteps();

    [GeneratedRegex(@"\b(summari[sz]e|translate|classify|extract|rewrite|rephrase|list|tag)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RoutineCues();
}
