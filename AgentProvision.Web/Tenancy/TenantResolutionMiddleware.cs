using System.Security.Claims;
using AgentProvision.Core.Tenancy;
using AgentProvision.Core.Tenancy.Strategies;
using AgentProvision.Web.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace AgentProvision.Web.Tenancy;

/// <summary>
/// Resolves the request's tenant (host, then claim, then platform default) into the scoped tenant context, and
/// ends a session whose user does not belong to the tenant of the host it arrives on.
/// </summary>
internal sealed partial class TenantResolutionMiddleware(RequestDelegate next, ILogger<TenantResolutionMiddleware> logger)
{
    private static readonly PathString[] Bypass = ["/health", "/_framework", "/_content", "/brand", "/js", "/favicon"];

    public async Task InvokeAsync(HttpContext context, TenantResolver resolver, TenantContext tenantContext, CurrentUser currentUser)
    {
        if (Bypass.Any(p => context.Request.Path.StartsWithSegments(p)))
        {
            await next(context);
            return;
        }

        var resolution = await resolver.ResolveAsync(
            new TenantResolutionRequest(context.Request.Host.Value ?? string.Empty, context.Request.Path, context.User),
            context.RequestAborted);

        if (context.User.Identity?.IsAuthenticated == true && !BelongsTo(context.User, resolution))
        {
            LogForeignSession(context.User.Identity.Name, resolution.Tenant.Identifier);
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        }

        if (!resolution.Tenant.IsActive)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync($"{resolution.Tenant.Name} is suspended. Contact your administrator.");
            return;
        }

        tenantContext.Set(resolution.Tenant);
        context.Items[typeof(TenantResolution)] = resolution;
        currentUser.Set(context.User, context.Connection.RemoteIpAddress?.ToString());
        await next(context);
    }

    private static bool BelongsTo(ClaimsPrincipal user, TenantResolution resolution)
    {
        if (resolution.ByHost)
        {
            // On a tenant's own host only that tenant's users are signed in, platform admins included.
            return Guid.TryParse(user.FindFirstValue(TenantClaimTypes.TenantId), out var own) && own == resolution.Tenant.Id;
        }

        // Off tenant hosts the claim decided; falling through to the platform default means the claim was stale.
        return resolution.Strategy != TenantResolver.PlatformDefault
            || ClaimStrategy.TenantIdFrom(user) == resolution.Tenant.Id;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signed out {User}: the session does not belong to tenant {TenantIdentifier}")]
    private partial void LogForeignSession(string? user, string tenantIdentifier);
}

internal static class TenantResolutionExtensions
{
    public static IApplicationBuilder UseTenantResolution(this IApplicationBuilder app) =>
        app.UseMiddleware<TenantResolutionMiddleware>();

    public static TenantResolution? GetTenantResolution(this HttpContext context) =>
        context.Items.TryGetValue(typeof(TenantResolution), out var value) ? value as TenantResolution : null;
}
