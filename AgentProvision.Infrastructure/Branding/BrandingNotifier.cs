using AgentProvision.Core.Branding;
using AgentProvision.Infrastructure.Tenancy;

namespace AgentProvision.Infrastructure.Branding;

/// <summary>Every circuit of the tenant subscribes; a save re-themes them all.</summary>
internal sealed class BrandingNotifier : IBrandingNotifier
{
    private readonly TenantFanOut<BrandView> _pages = new();

    public IDisposable Subscribe(Guid tenantId, Func<BrandView, Task> onChanged) => _pages.Subscribe(tenantId, onChanged);

    public Task NotifyAsync(BrandView brand) => _pages.PublishAsync(brand.TenantId, brand);
}
