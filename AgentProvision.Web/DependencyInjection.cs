using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;
using AgentProvision.Core.Tenancy.Strategies;
using AgentProvision.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;

namespace AgentProvision.Web;

public static class DependencyInjection
{
    public static IHostApplicationBuilder AddWeb(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddHttpContextAccessor();
        builder.AddTenancy();
        builder.AddSignIn();
        return builder;
    }

    private static void AddTenancy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TenancyOptions>().BindConfiguration(TenancyOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        // Registration order is resolution order: custom domain, then subdomain, then the user's claim.
        builder.Services.AddScoped<ITenantResolutionStrategy, CustomDomainStrategy>();
        builder.Services.AddScoped<ITenantResolutionStrategy, SubdomainStrategy>();
        builder.Services.AddScoped<ITenantResolutionStrategy, ClaimStrategy>();
        builder.Services.AddScoped<TenantResolver>();
        builder.Services.AddSingleton<AgentProvision.Web.Tenancy.TenantUrls>();
    }

    private static void AddSignIn(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<CurrentUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CurrentUser>());
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "AgentProvision.Auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.LoginPath = "/account/login";
            cookie.LogoutPath = "/account/logout";
            cookie.AccessDeniedPath = "/account/access-denied";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
        });
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            // A refreshed cookie is rebuilt from the database; keep a platform admin's explicit tenant switch.
            o.OnRefreshingPrincipal = context =>
            {
                var acting = context.CurrentPrincipal?.FindFirst(TenantClaimTypes.ActingTenantId);
                if (acting is not null && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity)
                {
                    identity.AddClaim(new System.Security.Claims.Claim(acting.Type, acting.Value));
                }

                return Task.CompletedTask;
            };
        });
        builder.AddEntraIdSignIn();

        // Everything requires sign-in unless it says otherwise (sign-in page, health, static assets).
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
    }
}
