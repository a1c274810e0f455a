using AgentProvision.Core.Compliance;

namespace AgentProvision.Tests.Compliance;

public class PiiRedactorShould
{
    [Theory]
    [InlineData("Write to jane.doe@example.com today", "Write to [EMAIL] today")]
    [InlineData("cc: J.Smith+billing@mail.example.co.uk.", "cc: [EMAIL].")]
    [InlineData("<first_last@sub-domain.example.org>", "<[EMAIL]>")]
    [InlineData("UPPER.CASE@EXAMPLE.COM and a@b.io", "[EMAIL] and [EMAIL]")]
    [InlineData("Contact: \"Ana\" <ana.lima@example.com.br>", "Contact: \"Ana\" <[EMAIL]>")]
    public void RedactEmailAddresses(string input, string expected) => Redacts(input, expected, PiiKind.Email);

    [Theory]
    [InlineData("Call +1 555 123 4567 now", "Call [PHONE] now")]
    [InlineData("Call +1 (555) 123-4567.", "Call [PHONE].")]
    [InlineData("US office (555) 123-4567", "US office [PHONE]")]
    [InlineData("dial 555-123-4567 or 555.987.6543", "dial [PHONE] or [PHONE]")]
    [InlineData("toll free 1-800-555-0199", "toll free [PHONE]")]
    [InlineData("London +44 20 7946 0958", "London [PHONE]")]
    [InlineData("London +44 (0)20 7946 0958", "London [PHONE]")]
    [InlineData("London 020 7946 0958", "London [PHONE]")]
    [InlineData("mobile 07700 900123", "mobile [PHONE]")]
    [InlineData("UK (020) 7946 0958", "UK [PHONE]")]
    [InlineData("Paris +33 1 23 45 67 89", "Paris [PHONE]")]
    [InlineData("Paris 01 23 45 67 89", "Paris [PHONE]")]
    [InlineData("Berlin +49 30 1234567", "Berlin [PHONE]")]
    [InlineData("Berlin 030 1234567", "Berlin [PHONE]")]
    [InlineData("Madrid +34 912 345 678", "Madrid [PHONE]")]
    [InlineData("compact +4930123456", "compact [PHONE]")]
    [InlineData("Phone: 5551234567", "Phone: [PHONE]")]
    [InlineData("tel. 123 4567", "tel. [PHONE]")]
    [InlineData("Telephone number: (555) 123-4567", "Telephone number: [PHONE]")]
    public void RedactPhoneNumbers(string input, string expected) => Redacts(input, expected, PiiKind.Phone);

    [Theory]
    [InlineData("SSN 123-45-6789", "SSN [NATIONAL_ID]")]
    [InlineData("her ssn is 123456789.", "her ssn is [NATIONAL_ID].")]
    [InlineData("on file: 123-45-6789", "on file: [NATIONAL_ID]")]
    [InlineData("on file: 123 45 6789", "on file: [NATIONAL_ID]")]
    [InlineData("Social security number: 078-05-1120", "Social security number: [NATIONAL_ID]")]
    [InlineData("NI number AB 12 34 56 C", "NI number [NATIONAL_ID]")]
    [InlineData("his NINO: ab123456c", "his NINO: [NATIONAL_ID]")]
    [InlineData("payroll ref JT123456A", "payroll ref [NATIONAL_ID]")]
    [InlineData("National ID: X1234567", "National ID: [NATIONAL_ID]")]
    [InlineData("national identity number 1 85 05 78 006 084 36", "national identity number [NATIONAL_ID]")]
    [InlineData("Passport no. 533401827", "Passport no. [NATIONAL_ID]")]
    [InlineData("tax id: 12-3456789", "tax id: [NATIONAL_ID]")]
    public void RedactNationalIdNumbers(string input, string expected) => Redacts(input, expected, PiiKind.NationalId);

    [Theory]
    [InlineData("MRN: 00482913", "MRN: [MRN]")]
    [InlineData("mrn #A-4471-09 admitted", "mrn #[MRN] admitted")]
    [InlineData("Medical record number 7734-221", "Medical record number [MRN]")]
    [InlineData("medical record no. MR0099812 on ward 4", "medical record no. [MRN] on ward 4")]
    [InlineData("The MRN is 4471209.", "The MRN is [MRN].")]
    public void RedactMedicalRecordNumbersAfterTheirLabel(string input, string expected) =>
        Redacts(input, expected, PiiKind.MedicalRecordNumber);

    [Theory]
    [InlineData("DOB: 03/04/1985", "DOB: [DOB]")]
    [InlineData("dob 3-4-85, male", "dob [DOB], male")]
    [InlineData("D.O.B. 1985-04-03", "D.O.B. [DOB]")]
    [InlineData("Date of birth: 3 April 1985", "Date of birth: [DOB]")]
    [InlineData("date of birth was 3rd of April 1985", "date of birth was [DOB]")]
    [InlineData("born on April 3, 1985 in Leeds", "born on [DOB] in Leeds")]
    [InlineData("Born Sept. 14th 1972", "Born [DOB]")]
    [InlineData("birthdate 14.09.1972", "birthdate [DOB]")]
    [InlineData("Birthday: Dec 25, 1990", "Birthday: [DOB]")]
    public void RedactDatesOfBirthAfterTheirLabel(string input, string expected) => Redacts(input, expected, PiiKind.DateOfBirth);

    [Theory]
    [InlineData("Upgrade to 10.0.12 then 2.14.1031")]
    [InlineData("Released on 2024-01-15, patched 15/01/2024 and 01.02.2024")]
    [InlineData("Meeting 12:30-13:45 on 3 April 2024")]
    [InlineData("Revenue $1,234,567.89, costs €987 654 and 1 000 000 USD")]
    [InlineData("Order #555-123-4567 shipped")]
    [InlineData("order 555-123-4567 shipped")]
    [InlineData("Invoice no. 0207 946 0958")]
    [InlineData("ticket: 020 7946 0958")]
    [InlineData("ORD-2024-000123 and SKU 4006381333931")]
    [InlineData("IP 192.168.100.200 and 10.0.0.1")]
    [InlineData("Card 4111 1111 1111 1111")]
    [InlineData("zip 94105-1234, temperature +15, growth +1.5%")]
    [InlineData("call 555-1234 or extension 4567")]
    [InlineData("npm i left-pad@1.3.0 and icon@2x.png")]
    [InlineData("ping @support or user@localhost")]
    [InlineData("The date of birth field is required")]
    [InlineData("born in 1985, born on a Tuesday")]
    [InlineData("the MRN is missing; add an MRN field")]
    [InlineData("mRNA-1273 is a vaccine")]
    [InlineData("national id unknown; SSN pending")]
    [InlineData("invalid SSNs 000-12-3456, 666-12-3456 and 123-00-4567")]
    [InlineData("prefix BG123456A and GB123456A are never issued")]
    [InlineData("cellphone plans start at 20 dollars")]
    [InlineData("Run 3 of 12, batch 0042")]
    [InlineData("")]
    public void LeaveTextWithoutPersonalDataAlone(string input)
    {
        var result = PiiRedactor.Redact(input);

        result.Text.ShouldBe(input);
        result.Redacted.ShouldBeFalse();
        result.Total.ShouldBe(0);
    }

    [Fact]
    public void CountEachKindInMixedText()
    {
        var result = PiiRedactor.Redact(
            "Patient MRN 8812034, DOB 02/11/1961, SSN 219-09-9999. Reach her at +1 415 555 0132 or ann@example.org; "
            + "daughter on 415-555-0199, email bo@example.org.");

        result.Text.ShouldBe(
            "Patient MRN [MRN], DOB [DOB], SSN [NATIONAL_ID]. Reach her at [PHONE] or [EMAIL]; daughter on [PHONE], email [EMAIL].");
        result[PiiKind.MedicalRecordNumber].ShouldBe(1);
        result[PiiKind.DateOfBirth].ShouldBe(1);
        result[PiiKind.NationalId].ShouldBe(1);
        result[PiiKind.Phone].ShouldBe(2);
        result[PiiKind.Email].ShouldBe(2);
        result.Total.ShouldBe(7);
    }

    [Fact]
    public void LeaveAlreadyRedactedTextUnchanged()
    {
        var once = PiiRedactor.Redact("MRN: 00482913, DOB: 03/04/1985, jane@example.com, +44 20 7946 0958").Text;

        var twice = PiiRedactor.Redact(once);

        twice.Text.ShouldBe(once);
        twice.Redacted.ShouldBeFalse();
    }

    [Fact]
    public void FindTheIdentifierAfterLongRunsOfDigitsAndSeparators()
    {
        var noise = "SSN " + string.Concat(Enumerable.Repeat("1-", 50_000)) + " " + new string('9', 100_000) + "@" + new string('a', 50_000);

        var result = PiiRedactor.Redact(noise + " MRN 123456");

        result.Text.ShouldEndWith(" MRN [MRN]");
        result[PiiKind.MedicalRecordNumber].ShouldBe(1);
    }

    private static void Redacts(string input, string expected, PiiKind kind)
    {
        var result = PiiRedactor.Redact(input);

        result.Text.ShouldBe(expected);
        result[kind].ShouldBe(result.Total);
        result.Total.ShouldBe(expected.Split(PiiPlaceholders.For(kind)).Length - 1);
    }
}
