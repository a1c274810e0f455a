using System.Text.RegularExpressions;

namespace AgentProvision.Core.Domains;

/// <summary>Validation of a custom domain as typed by an admin.</summary>
public static partial class DomainName
{
    /// <summary>The normalized host (lower case, no trailing dot), or a <see cref="CustomDomainException"/> saying what is wrong.</summary>
    public static string Parse(string? input)
    {
        var value = (input ?? string.Empty).Trim().TrimEnd('.').ToLowerInvariant();
        if (value.Length == 0)
        {
            throw new CustomDomainException("Enter a domain, for example portal.example.com.");
        }

        if (value.Contains("://", StringComparison.Ordinal) || value.Contains('/') || value.Contains(':'))
        {
            throw new CustomDomainException($"Enter only the domain name, without scheme, port or path (for example portal.example.com), not \"{Short(input!)}\".");
        }

        if (value.Length > 253 || !Dns().IsMatch(value))
        {
            throw new CustomDomainException($"\"{Short(input!)}\" is not a valid domain name: use letters, digits and hyphens in dot-separated labels, for example portal.example.com.");
        }

        if (value.Split('.').All(l => l.All(char.IsDigit)))
        {
            throw new CustomDomainException("An IP address is not a domain; enter a name such as portal.example.com.");
        }

        return value;
    }

    /// <summary>Whether <paramref name="host"/> is <paramref name="baseDomain"/> or one of its subdomains.</summary>
    public static bool IsWithin(string host, string baseDomain)
    {
        var root = baseDomain.Trim().TrimEnd('.').ToLowerInvariant();
        return root.Length > 0 && (host == root || host.EndsWith("." + root, StringComparison.Ordinal));
    }

    private static string Short(string value) => value.Length <= 60 ? value.Trim() : value.Trim()[..60] + "…";

    // At least two labels; each 1-63 letters, digits or hyphens, not starting or ending with a hyphen.
    [GeneratedRegex("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$")]
    private static partial Regex Dns();
}
