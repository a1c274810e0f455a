using System.Text.RegularExpressions;

namespace AgentProvision.Core.Compliance;

/// <summary>
/// Replaces personal data in free text with typed placeholders ("[EMAIL]", "[PHONE]", "[NATIONAL_ID]", "[MRN]", "[DOB]").
/// Pure and deterministic. It errs towards leaving text alone when a number could as well be a version, a date,
/// an amount or an order id: identifiers that only a label makes personal (an MRN, a date of birth, most national ids)
/// are redacted only after their label, and the label is kept so the sentence still reads.
/// </summary>
public static partial class PiiRedactor
{
    public static PiiRedaction Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return PiiRedaction.Unchanged(text ?? string.Empty);
        }

        var counts = new Dictionary<PiiKind, int>();
        // Labelled forms first: their values would otherwise be taken for phone numbers and lose their kind.
        text = Apply(DateOfBirth(), text, PiiKind.DateOfBirth, counts);
        text = Apply(MedicalRecordNumber(), text, PiiKind.MedicalRecordNumber, counts);
        text = Apply(LabelledNationalId(), text, PiiKind.NationalId, counts);
        text = Apply(Email(), text, PiiKind.Email, counts);
        text = Apply(UsSocialSecurityNumber(), text, PiiKind.NationalId, counts);
        text = Apply(UkNationalInsuranceNumber(), text, PiiKind.NationalId, counts);
        text = Apply(LabelledPhone(), text, PiiKind.Phone, counts, value => DigitCount(value) is >= 7 and <= 15);
        text = Apply(Phone(), text, PiiKind.Phone, counts, IsPlausiblePhone);
        return new PiiRedaction(text, counts);
    }

    /// <summary>Replaces the match, or only its "value" group when the pattern has a label to keep.</summary>
    private static string Apply(Regex pattern, string text, PiiKind kind, Dictionary<PiiKind, int> counts,
        Func<string, bool>? accept = null)
    {
        var placeholder = PiiPlaceholders.For(kind);
        return pattern.Replace(text, match =>
        {
            var value = match.Groups["value"];
            var target = value.Success ? value : (Group)match;
            if (accept is not null && !accept(target.Value))
            {
                return match.Value;
            }

            counts[kind] = counts.GetValueOrDefault(kind) + 1;
            var start = target.Index - match.Index;
            return string.Concat(match.Value.AsSpan(0, start), placeholder, match.Value.AsSpan(start + target.Length));
        });
    }

    // International numbers carry 8 to 15 digits (E.164); national formats 9 to 12. Shorter runs are codes or amounts.
    private static bool IsPlausiblePhone(string candidate) => candidate.StartsWith('+')
        ? DigitCount(candidate) is >= 8 and <= 15
        : DigitCount(candidate) is >= 9 and <= 12;

    private static int DigitCount(string value) => value.Count(char.IsAsciiDigit);
}
