using AgentProvision.Core.Features;
using AgentProvision.Core.Tenancy;

namespace AgentProvision.Web.Features;

/// <summary>
/// A disabled feature's pages answer 404 (rendered by the not-found page) and its API endpoints 403, before any page
/// or endpoint runs. Runs after tenant resolution, so the features read are the request's tenant's.
/// </summary>
public sealed class FeatureGateMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, ITenantContext tenant, ITenantFeatures features)
    {
        var path = context.Request.Path.Value;
        if (tenant.IsResolved && FeaturePages.For(path) is { } feature && !await features.IsEnabledAsync(feature, context.RequestAborted))
        {
            context.Response.StatusCode = FeaturePages.IsApi(path!) ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound;
            if (context.Response.StatusCode == StatusCodes.Status403Forbidden)
            {
                await context.Response.WriteAsJsonAsync(new { error = $"{feature.DisplayName()} is not enabled for this organisation." },
                    context.RequestAborted);
            }

            return;
        }

        await next(context);
    }
}

public static class FeatureGateExtensions
{
    public static IApplicationBuilder UseFeatureGate(this IApplicationBuilder app) => app.UseMiddleware<FeatureGateMiddleware>();
}
