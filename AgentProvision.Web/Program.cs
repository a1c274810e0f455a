using AgentProvision.Infrastructure;
using AgentProvision.Web;
using AgentProvision.Web.Analytics;
using AgentProvision.Web.Branding;
using AgentProvision.Web.Components;
using AgentProvision.Web.Domains;
using AgentProvision.Web.Features;
using AgentProvision.Web.Health;
using AgentProvision.Web.Identity;
using AgentProvision.Web.Security;
using AgentProvision.Web.Tenancy;

var builder = WebApplication.CreateBuilder(args);
// Static web assets (MudBlazor's CSS and JS) are served from the build output in every environment, so the app
// runs from `dotnet run` or a plain build, not only after `dotnet publish`.
builder.WebHost.UseStaticWebAssets();

builder.AddInfrastructure();
builder.AddWeb();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseHsts();
}

app.UseSecurityHeaders();
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAuthentication();
app.UseTenantResolution();
app.UseAuthorization();
app.UseFeatureGate();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapHealthEndpoints();
app.MapAccountEndpoints();
app.MapBrandAssets();
app.MapAnalyticsEndpoints();
app.MapTlsAsk();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

app.Run();

public partial class Program;
