namespace AgentProvision.Core.Identity;

/// <summary>The people of the current tenant, as a tenant admin manages them. Every change is audited.</summary>
public interface IUserDirectory
{
    Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken = default);

    Task<UserSummary> CreateAsync(NewUser user, CancellationToken cancellationToken = default);

    /// <summary>Creates the account without a password and returns a one-time token to set one.</summary>
    Task<Invitation> InviteAsync(NewInvitation invitation, CancellationToken cancellationToken = default);

    Task SetRoleAsync(Guid userId, string role, CancellationToken cancellationToken = default);

    Task DisableAsync(Guid userId, CancellationToken cancellationToken = default);

    Task EnableAsync(Guid userId, CancellationToken cancellationToken = default);
}

public sealed record UserSummary(
    Guid Id,
    string Email,
    string DisplayName,
    string Role,
    bool IsDisabled,
    bool IsLockedOut,
    bool InvitationPending,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSignInAt);

public sealed record NewUser(string Email, string DisplayName, string Role, string Password);

public sealed record NewInvitation(string Email, string DisplayName, string Role);

public sealed record Invitation(UserSummary User, string Token);

/// <summary>A user-administration rule was broken; the message is fit to show to the admin.</summary>
public sealed class UserAdministrationException(string message) : InvalidOperationException(message);
