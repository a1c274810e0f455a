using System.Text.RegularExpressions;

namespace AgentProvision.Core.Tenancy;

/// <summary>A customer organisation. Its <see cref="Id"/> is stamped on every row it owns and never changes.</summary>
public sealed partial class Tenant
{
    public const string PlatformIdentifier = "platform";

    private readonly List<TenantHost> _hosts = [];

    private Tenant()
    {
        Identifier = string.Empty;
        Name = string.Empty;
    }

    public Tenant(string identifier, string name, bool isPlatform = false)
    {
        Id = Guid.NewGuid();
        Identifier = NormalizeIdentifier(identifier);
        Name = RequireName(name);
        IsPlatform = isPlatform;
        State = TenantState.Active;
    }

    public Guid Id { get; private set; }

    /// <summary>The slug used in subdomains and URLs: lower-case letters, digits and dashes.</summary>
    public string Identifier { get; private set; }

    public string Name { get; private set; }

    public TenantState State { get; private set; }

    /// <summary>The operator's own tenant; its admins may switch into any other tenant.</summary>
    public bool IsPlatform { get; private set; }

    /// <summary>The Microsoft Entra directory (tenant id) whose users sign in to this tenant, when Entra ID is configured.</summary>
    public string? EntraTenantId { get; private set; }

    public IReadOnlyCollection<TenantHost> Hosts => _hosts;

    public void Rename(string name) => Name = RequireName(name);

    public void Suspend() => State = TenantState.Suspended;

    public void Activate() => State = TenantState.Active;

    public void LinkEntraDirectory(string? entraTenantId) =>
        EntraTenantId = string.IsNullOrWhiteSpace(entraTenantId) ? null : entraTenantId.Trim().ToLowerInvariant();

    /// <summary>Claims a custom domain; it resolves to this tenant only after <see cref="TenantHost.MarkVerified"/>.</summary>
    public TenantHost AddHost(string host, DateTimeOffset addedAt)
    {
        var normalized = TenantHost.Normalize(host);
        if (_hosts.Any(h => h.Host == normalized))
        {
            throw new TenancyException($"The domain '{normalized}' is already added to {Name}.");
        }

        var added = new TenantHost(Id, normalized, addedAt);
        _hosts.Add(added);
        return added;
    }

    public bool RemoveHost(Guid hostId) => _hosts.RemoveAll(h => h.Id == hostId) > 0;

    public static string NormalizeIdentifier(string identifier)
    {
        var value = (identifier ?? string.Empty).Trim().ToLowerInvariant();
        if (!IdentifierPattern().IsMatch(value))
        {
            throw new TenancyException(
                "A tenant identifier is 2 to 40 lower-case letters, digits or dashes, starting with a letter.");
        }

        return value;
    }

    private static string RequireName(string name)
    {
        var value = (name ?? string.Empty).Trim();
        return value.Length is > 0 and <= 120
            ? value
            : throw new TenancyException("A tenant name is 1 to 120 characters.");
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{1,39}$")]
    private static partial Regex IdentifierPattern();
}
