using Microsoft.AspNetCore.Identity;

namespace AgentProvision.Infrastructure.Identity;

/// <summary>A disabled user, or one who has not accepted an invitation, is not allowed to sign in.</summary>
internal sealed class AppUserConfirmation : IUserConfirmation<AppUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<AppUser> manager, AppUser user) =>
        Task.FromResult(!user.IsDisabled && !user.InvitationPending);
}
