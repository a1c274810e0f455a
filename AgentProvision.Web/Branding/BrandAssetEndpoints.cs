using AgentProvision.Core.Tenancy;
using AgentProvision.Infrastructure.Branding;
using Microsoft.Net.Http.Headers;

namespace AgentProvision.Web.Branding;

public static class BrandAssetEndpoints
{
    /// <summary>A year: names carry the content hash, so a new upload is a new address.</summary>
    private const string CacheControl = "public, max-age=31536000, immutable";

    /// <summary>
    /// Serves the request's tenant's logos and favicon. Anonymous, because the sign-in page shows them; the tenant
    /// comes from the host, so another tenant's file name is simply not found.
    /// </summary>
    public static IEndpointRouteBuilder MapBrandAssets(this IEndpointRouteBuilder app)
    {
        app.MapGet(BrandAssetStore.UrlPrefix + "{name}", Serve).AllowAnonymous();
        return app;
    }

    private static IResult Serve(string name, HttpContext context, ITenantContext tenant, BrandAssetStore store)
    {
        if (store.Find(tenant.TenantId, name) is not { } asset)
        {
            return Results.NotFound();
        }

        var headers = context.Response.Headers;
        headers.CacheControl = CacheControl;
        headers.ETag = asset.ETag;
        headers.XContentTypeOptions = "nosniff";
        // An SVG opened on its own is a document; even sanitised, it may not run or fetch anything.
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
        if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == asset.ETag || t.Trim() == "*")))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.File(asset.Path, asset.ContentType, entityTag: new EntityTagHeaderValue(asset.ETag));
    }
}
