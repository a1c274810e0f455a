using AgentProvision.Core.Identity;
using Microsoft.AspNetCore.Identity;

namespace AgentProvision.Infrastructure.Identity;

/// <summary>Creating accounts the same way everywhere: admin-created, invited, seeded or provisioned.</summary>
public static class AppUsers
{
    public static AppUser New(Guid tenantId, string email, string displayName, bool invitationPending, DateTimeOffset now)
    {
        var trimmedEmail = (email ?? string.Empty).Trim();
        var name = (displayName ?? string.Empty).Trim();
        if (name.Length is 0 or > 120)
        {
            throw new UserAdministrationException("A display name is 1 to 120 characters.");
        }

        return new AppUser
        {
            Id = Guid.NewGuid(),
            TenantId = tenantId,
            UserName = trimmedEmail,
            Email = trimmedEmail,
            EmailConfirmed = true,
            DisplayName = name,
            InvitationPending = invitationPending,
            LockoutEnabled = true,
            CreatedAt = now,
        };
    }

    /// <summary>Creates an account with no password and returns a one-time token to set one.</summary>
    public static async Task<string> InviteAsync(UserManager<AppUser> users, AppUser user, string role)
    {
        Check(await users.CreateAsync(user));
        Check(await users.AddToRoleAsync(user, role));
        // A password-reset token is single-use: setting the password changes the security stamp.
        return await users.GeneratePasswordResetTokenAsync(user);
    }

    public static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new UserAdministrationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
