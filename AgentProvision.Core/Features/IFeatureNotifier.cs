namespace AgentProvision.Core.Features;

/// <summary>Tells every open page of a tenant that its features changed, so menus and gated pages follow at once.</summary>
public interface IFeatureNotifier
{
    /// <summary>Calls <paramref name="onChanged"/> with the new settings whenever the tenant's features are saved; dispose to stop.</summary>
    IDisposable Subscribe(Guid tenantId, Func<FeatureSettings, Task> onChanged);

    Task NotifyAsync(Guid tenantId, FeatureSettings settings);
}
