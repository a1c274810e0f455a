using System.Security.Claims;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;

namespace AgentProvision.Web.Identity;

/// <summary>
/// The acting person for the scope: set from the request by the tenancy middleware, and from the authentication
/// state by the root component in a circuit (where there is no HttpContext).
/// </summary>
public sealed class CurrentUser : ICurrentUser
{
    private ClaimsPrincipal _principal = new(new ClaimsIdentity());

    public ClaimsPrincipal Principal => _principal;

    public Guid? UserId =>
        Guid.TryParse(_principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public string Name =>
        _principal.FindFirstValue(TenantClaimTypes.DisplayName)
        ?? _principal.Identity?.Name
        ?? "anonymous";

    public string? Email => _principal.FindFirstValue(ClaimTypes.Email) ?? _principal.Identity?.Name;

    public string? IpAddress { get; private set; }

    public bool IsInRole(string role) => _principal.IsInRole(role);

    public void Set(ClaimsPrincipal principal, string? ipAddress)
    {
        _principal = principal;
        IpAddress = ipAddress ?? IpAddress;
    }
}
