using System.Security.Claims;
using AgentProvision.Core.Audit;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Identity;
using AgentProvision.Web.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Identity.Web;
using AgentProvision.Infrastructure.Tenancy;

namespace AgentProvision.Web.Identity;

/// <summary>
/// Optional Microsoft Entra ID sign-in. Offered only when <c>AzureAd:ClientId</c> is set. The token's directory
/// (tid) is mapped to the tenant linked to it, and the person to a user of that tenant by e-mail, created as a
/// Viewer on first sign-in.
/// </summary>
internal static class EntraIdSignIn
{
    public const string Scheme = "EntraId";
    public const string SectionName = "AzureAd";
    private const string TenantIdClaim = "http://schemas.microsoft.com/identity/claims/tenantid";

    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{SectionName}:ClientId"]);

    public static void AddEntraIdSignIn(this IHostApplicationBuilder builder)
    {
        if (!IsConfigured(builder.Configuration))
        {
            return;
        }

        builder.Services.AddAuthentication()
            .AddMicrosoftIdentityWebApp(builder.Configuration.GetSection(SectionName), Scheme, cookieScheme: null);
        // Plain-HTTP metadata only when configuration says so explicitly (a local authority in tests).
        var requireHttpsMetadata = builder.Configuration.GetValue($"{SectionName}:RequireHttpsMetadata", true);
        builder.Services.Configure<OpenIdConnectOptions>(Scheme, options =>
        {
            options.SignInScheme = IdentityConstants.ExternalScheme;
            options.RequireHttpsMetadata = requireHttpsMetadata;
        });
    }

    public static void MapEntraIdEndpoints(this RouteGroupBuilder account)
    {
        account.MapPost("/external-login", (HttpContext context) =>
            IsConfigured(context.RequestServices.GetRequiredService<IConfiguration>())
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = "/account/external-callback" }, [Scheme])
                : Results.NotFound()).AllowAnonymous();
        account.MapGet("/external-callback", CallbackAsync).AllowAnonymous();
    }

    private static async Task<IResult> CallbackAsync(HttpContext context, IServiceScopeFactory scopes, ITenantStore tenants,
        IAuditLog audit, TimeProvider clock)
    {
        var external = await context.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await context.SignOutAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded || external.Principal is not { } principal)
        {
            return Results.LocalRedirect("/account/login?error=external-failed");
        }

        var directory = (principal.FindFirstValue(TenantIdClaim) ?? principal.FindFirstValue("tid"))?.ToLowerInvariant();
        var email = principal.FindFirstValue("preferred_username") ?? principal.FindFirstValue(ClaimTypes.Email)
            ?? principal.FindFirstValue(ClaimTypes.Upn);
        var tenant = (await tenants.ListAsync(context.RequestAborted)).FirstOrDefault(t => t.EntraTenantId == directory);
        if (tenant is null || string.IsNullOrWhiteSpace(email))
        {
            return Results.LocalRedirect("/account/login?error=entra-unlinked");
        }

        if (context.GetTenantResolution() is { ByHost: true } resolution && resolution.Tenant.Id != tenant.Id)
        {
            return Results.LocalRedirect("/account/login?error=wrong-host");
        }

        await using var scope = scopes.CreateTenantScope(tenant);
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        var user = await signIn.UserManager.FindByEmailAsync(email);
        if (user is null)
        {
            user = AppUsers.New(tenant.Id, email, principal.FindFirstValue("name") ?? email, invitationPending: false, clock.GetUtcNow());
            var created = await signIn.UserManager.CreateAsync(user);
            if (!created.Succeeded || !(await signIn.UserManager.AddToRoleAsync(user, Roles.Viewer)).Succeeded)
            {
                return Results.LocalRedirect("/account/login?error=external-failed");
            }

            await audit.RecordForTenantAsync(tenant.Id, AuditActions.UserCreated, new AuditActor(user.Id, user.DisplayName),
                email, "first Microsoft Entra ID sign-in, role Viewer");
        }

        if (user.IsDisabled)
        {
            return Results.LocalRedirect("/account/login?error=disabled");
        }

        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: Scheme);
        await audit.RecordForTenantAsync(tenant.Id, AuditActions.SignIn,
            new AuditActor(user.Id, user.DisplayName, context.Connection.RemoteIpAddress?.ToString()), email, "Microsoft Entra ID");
        return Results.LocalRedirect("/");
    }
}
