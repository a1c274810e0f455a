namespace AgentProvision.Core.Compliance;

/// <summary>The kinds of personal data the redactor finds, each with the placeholder that replaces it.</summary>
public enum PiiKind
{
    Email,
    Phone,
    NationalId,
    MedicalRecordNumber,
    DateOfBirth,
}

public static class PiiPlaceholders
{
    public static string For(PiiKind kind) => kind switch
    {
        PiiKind.Email => "[EMAIL]",
        PiiKind.Phone => "[PHONE]",
        PiiKind.NationalId => "[NATIONAL_ID]",
        PiiKind.MedicalRecordNumber => "[MRN]",
        PiiKind.DateOfBirth => "[DOB]",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
