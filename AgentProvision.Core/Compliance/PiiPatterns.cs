using System.Text.RegularExpressions;

namespace AgentProvision.Core.Compliance;

// Every pattern is bounded (no nested unbounded quantifiers), so matching stays linear on long or hostile input.
public static partial class PiiRedactor
{
    private const RegexOptions Labelled = RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant;
    private const RegexOptions Plain = RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant;

    // What may sit between a label and its value: "DOB: ", "MRN #", "SSN is ", "date of birth was ".
    private const string Separator = @"[ \t]*[:\#=-]?[ \t]*(?:(?:is|was)[ \t]+)?";

    private const string Month = @"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?";

    private const string Date = @"(?:
          \d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})
        | \d{4}[/.-]\d{1,2}[/.-]\d{1,2}
        | \d{1,2}(?:st|nd|rd|th)?(?:[ \t]+of)?[ \t]+" + Month + @",?[ \t]+\d{4}
        | " + Month + @"[ \t]+\d{1,2}(?:st|nd|rd|th)?,?[ \t]+\d{4}
        )(?![/.-]?\d)";

    // An identifier holds a digit near its start; words ("missing", "unknown", "field") never match.
    private const string Identifier = @"(?=[A-Z-]{0,8}\d)[A-Z0-9](?:[A-Z0-9-]{1,23}[A-Z0-9])(?![A-Z0-9])";

    private const string NumberWord = @"(?:[ \t]+(?:card[ \t]+)?(?:number|no\b\.?|\#))?";

    [GeneratedRegex(@"(?:\bDOB\b|\bD\.O\.B\b\.?|\bdate[ \t]+of[ \t]+birth\b|\bbirth[ \t]*date\b|\bbirthday\b|\bborn(?:[ \t]+on)?\b)"
        + Separator + "(?<value>" + Date + ")", Labelled)]
    private static partial Regex DateOfBirth();

    [GeneratedRegex(@"(?:\bMRN\b|\bmedical[ \t]+record(?:[ \t]+(?:number|no\b\.?|\#))?)" + Separator + "(?<value>" + Identifier + ")", Labelled)]
    private static partial Regex MedicalRecordNumber();

    [GeneratedRegex(@"(?:
          \bnational[ \t]+(?:id(?:entity|entification)?|insurance)\b" + NumberWord + @"
        | \bNI[ \t]+(?:number|no\b\.?)
        | \bNINO\b
        | \bSSN\b
        | \bsocial[ \t]+security\b" + NumberWord + @"
        | \bpassport" + NumberWord + @"
        | \b(?:personal|citizen|tax)[ \t]+id(?:entification)?\b" + NumberWord + @"
        )" + Separator + @"
        (?<value>(?=[A-Z]{0,4}\d)[A-Z0-9]{1,20}(?:[ .-](?=[A-Z]{0,4}\d)[A-Z0-9]{1,20}){0,6})(?![A-Z0-9])", Labelled)]
    private static partial Regex LabelledNationalId();

    [GeneratedRegex(@"(?<![\w.%+-])[A-Z0-9](?:[A-Z0-9._%+-]{0,62}[A-Z0-9_%+-])?
        @(?:[A-Z0-9](?:[A-Z0-9-]{0,61}[A-Z0-9])?\.){1,8}(?!(?:png|jpe?g|gif|svg|webp|ico)\b)[A-Z]{2,24}(?![\w-])", Labelled)]
    private static partial Regex Email();

    // US SSN with separators; 000, 666 and 9xx areas, 00 groups and 0000 serials are never issued.
    [GeneratedRegex(@"(?<![\w-])(?!000|666|9\d\d)\d{3}(?<s>[- ])(?!00)\d{2}\k<s>(?!0000)\d{4}(?![\w-])", Plain)]
    private static partial Regex UsSocialSecurityNumber();

    // UK National Insurance: two prefix letters (some never issued), six digits, suffix A-D. Upper case, as printed.
    [GeneratedRegex(@"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][ ]?\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?[A-D]\b", Plain)]
    private static partial Regex UkNationalInsuranceNumber();

    [GeneratedRegex(@"(?:\b(?:tele)?phone\b|\btel\b\.?|\bmobile\b|\bcell(?:[ \t]*phone)?\b|\bfax\b)" + NumberWord + Separator
        + @"(?<value>\+?\(?\d[\d ().-]{4,18}\d)(?!\d)", Labelled)]
    private static partial Regex LabelledPhone();

    [GeneratedRegex(@"(?<![\w+$€£¥\#.,/:-])
        (?<!(?i:\b(?:order|invoice|ref|reference|ticket|tracking|account|acct|po|sku|id|no)\b\.?)[ \t]*[\#:]?[ \t]*)
        (?:
            \+\d{1,3}(?:[ .-]?\(\d{1,4}\))?(?:[ .-]?\d{1,5}){1,6}   # +44 20 7946 0958, +1 (555) 123-4567, +33 1 23 45 67 89
          | (?:1[ .-]?)?\(\d{3}\)[ .-]?\d{3}[ .-]\d{4}              # (555) 123-4567
          | (?:1(?<t>[ .-]))?\d{3}(?<u>[ .-])\d{3}\k<u>\d{4}         # 555-123-4567, 1-800-555-0199, 555.123.4567
          | \(0\d{1,4}\)[ ]?\d{3,4}[ ]?\d{3,4}                      # (020) 7946 0958
          | 0\d{2,4}[ ]\d{3,4}(?:[ ]?\d{3,4})?                      # 020 7946 0958, 07700 900123, 030 1234567
          | 0[1-9](?:[ .]\d{2}){4}                                  # 01 23 45 67 89
        )
        (?![\w/-]|[.,:]\d)", Plain)]
    private static partial Regex Phone();
}
