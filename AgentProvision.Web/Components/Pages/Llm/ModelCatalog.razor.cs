using AgentProvision.Core.Llm;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AgentProvision.Web.Components.Pages.Llm;

public partial class ModelCatalog
{
    [Inject] private ILlmCatalog Catalog { get; set; } = default!;
    [Inject] private AgentProvision.Core.Identity.ICurrentUser CurrentUser { get; set; } = default!;

    private bool IsPlatformAdmin => CurrentUser.IsInRole(AgentProvision.Core.Identity.Roles.PlatformAdmin);

    private IReadOnlyList<CatalogModelView>? _models;
    private string? _search;
    private string? _provider;
    private IReadOnlyCollection<string> _capabilities = [];
    private QualityTier? _quality;
    private SpeedTier? _speed;
    private int? _minContext;
    private decimal? _maxInputPrice;
    private bool _usableOnly;
    private bool _busy;
    private string? _message;
    private Severity _messageSeverity = Severity.Info;

    private IEnumerable<(string Name, string Display)> Providers =>
        (_models ?? []).Select(m => (m.Provider, m.ProviderDisplayName)).Distinct().OrderBy(p => p.ProviderDisplayName);

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync() => _models = await Catalog.ModelsAsync();

    private bool Matches(CatalogModelView model) =>
        (string.IsNullOrWhiteSpace(_search)
            || model.DisplayName.Contains(_search, StringComparison.OrdinalIgnoreCase)
            || model.Reference.Contains(_search, StringComparison.OrdinalIgnoreCase))
        && (_provider is null || model.Provider == _provider)
        && _capabilities.All(model.Capabilities.Contains)
        && (_quality is null || model.Quality == _quality)
        && (_speed is null || model.Speed == _speed)
        && (_minContext is null || model.ContextWindow >= _minContext)
        && (_maxInputPrice is null || (model.InputPer1M is { } price && price <= _maxInputPrice))
        && (!_usableOnly || model.Usable);

    private static string Price(decimal? price) => price is { } value ? value.ToString("0.00##") : "—";

    private Task SetModelAsync(CatalogModelView model, bool active) =>
        RunAsync(() => Catalog.SetModelActiveAsync(model.Id, active), $"{model.DisplayName} is {(active ? "active" : "off")}.");

    private Task SetProviderAsync(CatalogModelView model, bool active) =>
        RunAsync(() => Catalog.SetProviderActiveAsync(model.ProviderId, active), $"{model.ProviderDisplayName} is {(active ? "on" : "off")}.");

    private async Task ReimportAsync()
    {
        _busy = true;
        await RunAsync(async () => _message = "Catalog re-imported: " + await Catalog.ReimportAsync(), null);
        _busy = false;
    }

    private async Task RunAsync(Func<Task> action, string? success)
    {
        try
        {
            await action();
            if (success is not null)
            {
                _message = success;
            }

            _messageSeverity = Severity.Success;
        }
        catch (LlmConfigurationException ex)
        {
            _message = ex.Message;
            _messageSeverity = Severity.Error;
        }

        await LoadAsync();
    }
}
