namespace AgentProvision.Core.Branding;

/// <summary>Tells every open page of a tenant that its brand changed, so the shell re-themes without a reload.</summary>
public interface IBrandingNotifier
{
    /// <summary>Calls <paramref name="onChanged"/> whenever the tenant's brand is saved; dispose to stop.</summary>
    IDisposable Subscribe(Guid tenantId, Func<BrandView, Task> onChanged);

    Task NotifyAsync(BrandView brand);
}
