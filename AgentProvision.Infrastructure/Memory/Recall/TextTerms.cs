using System.Text.RegularExpressions;

namespace AgentProvision.Infrastructure.Memory.Recall;

/// <summary>
/// Splits text into the terms the keyword index matches on: lower-case words and numbers, common English function words
/// dropped, plural then -ing/-ed endings trimmed so "paintings" finds "painted".
/// </summary>
internal static partial class TextTerms
{
    private static readonly HashSet<string> StopWords = new(
        ("a an the and or but if of to in on at for with from by about as is are was were be been being am do does did have has had " +
         "i you he she it we they me him her us them my your his its our their this that these those what which who whom when where " +
         "why how there here so not no yes just very can could would should will shall may might must than then too also into out up " +
         "down over under again more most some any all each few other such only own same don now oh hey yeah really like get got")
        .Split(' '), StringComparer.Ordinal);

    public static IEnumerable<string> Of(string text)
    {
        foreach (Match match in Word().Matches(text.ToLowerInvariant()))
        {
            var term = Stem(match.Value);
            if (term.Length > 1 && !StopWords.Contains(term))
            {
                yield return term;
            }
        }
    }

    private static string Stem(string word) => Suffix(Plural(word));

    private static string Plural(string word) => word switch
    {
        { Length: > 4 } when word.EndsWith("ies", StringComparison.Ordinal) => word[..^3] + "y",
        { Length: > 3 } when word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal) => word[..^1],
        _ => word,
    };

    private static string Suffix(string word) => word switch
    {
        { Length: > 5 } when word.EndsWith("ing", StringComparison.Ordinal) => word[..^3],
        { Length: > 4 } when word.EndsWith("ed", StringComparison.Ordinal) => word[..^2],
        _ => word,
    };

    [GeneratedRegex("[\\p{L}\\p{N}]+")]
    private static partial Regex Word();
}
