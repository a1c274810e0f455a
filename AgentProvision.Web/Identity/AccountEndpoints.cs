using System.Security.Claims;
using AgentProvision.Core.Audit;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Identity;
using AgentProvision.Web.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace AgentProvision.Web.Identity;

/// <summary>Account actions that change the sign-in cookie, so they are plain form posts rather than circuit calls.</summary>
internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account");
        account.MapPost("/logout", LogoutAsync).RequireAuthorization();
        account.MapPost("/switch-tenant", SwitchTenantAsync).RequireAuthorization(p => p.RequireRole(Roles.PlatformAdmin));
        account.MapEntraIdEndpoints();
        return app;
    }

    private static async Task<IResult> LogoutAsync(SignInManager<AppUser> signIn, IAuditLog audit, ICurrentUser user,
        ITenantContext tenant)
    {
        var ownTenant = Guid.TryParse(signIn.Context.User.FindFirstValue(TenantClaimTypes.TenantId), out var id) ? id : tenant.TenantId;
        await audit.RecordForTenantAsync(ownTenant, AuditActions.SignOut, new AuditActor(user.UserId, user.Name, user.IpAddress));
        await signIn.SignOutAsync();
        return Results.LocalRedirect("/account/login");
    }

    private static async Task<IResult> SwitchTenantAsync(
        [FromForm] string? tenantId,
        HttpContext context,
        SignInManager<AppUser> signIn,
        ITenantStore tenants,
        IAuditLog audit,
        ICurrentUser user)
    {
        if (context.GetTenantResolution() is { ByHost: true })
        {
            return Results.BadRequest("Switch tenants on the platform's own address, not on a tenant's domain.");
        }

        var account = await signIn.UserManager.GetUserAsync(context.User);
        if (account is null)
        {
            return Results.Unauthorized();
        }

        var actor = new AuditActor(user.UserId, user.Name, user.IpAddress);
        var persistent = (await context.AuthenticateAsync(IdentityConstants.ApplicationScheme)).Properties?.IsPersistent ?? false;
        var previous = ClaimStrategyTenant(context.User);

        Guid? targetId = null;
        if (!string.IsNullOrWhiteSpace(tenantId))
        {
            if (!Guid.TryParse(tenantId, out var parsed))
            {
                return Results.BadRequest("That is not a tenant id.");
            }

            targetId = parsed;
        }

        if (targetId is null || targetId == account.TenantId)
        {
            await signIn.SignInAsync(account, persistent);
            if (previous is { } left && left != account.TenantId)
            {
                await audit.RecordForTenantAsync(left, AuditActions.TenantSwitchedBack, actor, details: "platform admin left this tenant");
            }

            await audit.RecordForTenantAsync(account.TenantId, AuditActions.TenantSwitchedBack, actor);
            return Results.LocalRedirect("/platform/tenants");
        }

        if (await tenants.GetAsync(targetId.Value) is not { } target)
        {
            return Results.BadRequest("That tenant does not exist.");
        }

        await signIn.SignInWithClaimsAsync(account, persistent, [new Claim(TenantClaimTypes.ActingTenantId, target.Id.ToString())]);
        await audit.RecordForTenantAsync(account.TenantId, AuditActions.TenantSwitched, actor, target.Identifier);
        await audit.RecordForTenantAsync(target.Id, AuditActions.TenantSwitched, actor, target.Identifier,
            "platform admin switched into this tenant");
        return Results.LocalRedirect("/");
    }

    private static Guid? ClaimStrategyTenant(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(TenantClaimTypes.ActingTenantId), out var acting) ? acting : null;
}
