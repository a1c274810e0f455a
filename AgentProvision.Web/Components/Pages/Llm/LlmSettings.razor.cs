using AgentProvision.Core.Llm;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AgentProvision.Web.Components.Pages.Llm;

public partial class LlmSettings
{
    [Inject] private ILlmConfigService Configs { get; set; } = default!;
    [Inject] private ILlmCatalog Catalog { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private IReadOnlyList<LlmConfigView>? _configs;
    private IReadOnlyList<CatalogModelView> _chatModels = [];
    private List<string> _platformProviders = [];
    private readonly Dictionary<Guid, ConnectionTestResult> _tests = [];
    private readonly HashSet<Guid> _testing = [];
    private LlmConfigEditor.Model? _editing;
    private string? _editingHint;
    private string? _error;

    protected override async Task OnInitializedAsync()
    {
        var models = await Catalog.ModelsAsync();
        _chatModels = models.Where(m => m.Usable && m.Capabilities.Contains(ModelCapabilities.Chat)).ToList();
        _platformProviders = models.Where(m => m.PlatformKeyAvailable && m.Usable).Select(m => m.ProviderDisplayName).Distinct().Order().ToList();
        await LoadAsync();
    }

    private async Task LoadAsync() => _configs = await Configs.ListAsync();

    private void NewConfig()
    {
        _editing = LlmConfigEditor.Model.New(_configs?.Count == 0);
        _editingHint = null;
    }

    private void Edit(LlmConfigView config)
    {
        _editing = LlmConfigEditor.Model.From(config);
        _editingHint = config.ApiKeyHint;
    }

    private async Task SavedAsync(LlmConfigView saved)
    {
        _editing = null;
        Snackbar.Add($"Saved \"{saved.Name}\".", Severity.Success);
        await LoadAsync();
    }

    private async Task TestAsync(LlmConfigView config, bool fallback = false)
    {
        _testing.Add(config.Id);
        _tests.Remove(config.Id);
        try
        {
            _tests[config.Id] = await Configs.TestConnectionAsync(config.Id, fallback);
        }
        finally
        {
            _testing.Remove(config.Id);
        }
    }

    private Task MakeDefaultAsync(LlmConfigView config) => RunAsync(() => Configs.SetDefaultAsync(config.Id), $"\"{config.Name}\" is now the default.");

    private async Task DeleteAsync(LlmConfigView config)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete configuration",
            $"Agents using \"{config.Name}\" will use the default instead. Its stored key is deleted.", yesText: "Delete", cancelText: "Cancel");
        if (confirmed == true)
        {
            await RunAsync(() => Configs.DeleteAsync(config.Id), $"Deleted \"{config.Name}\".");
        }
    }

    private async Task RunAsync(Func<Task> action, string success)
    {
        _error = null;
        try
        {
            await action();
            Snackbar.Add(success, Severity.Success);
        }
        catch (InvalidOperationException ex) when (ex is LlmConfigurationException or LlmValidationException)
        {
            _error = ex.Message;
        }

        await LoadAsync();
    }

    private static string KeyLabel(LlmConfigView config) => config.KeyMode switch
    {
        KeyMode.Own => $"own key {config.ApiKeyHint}",
        KeyMode.Platform => config.PlatformKeyAvailable ? "platform key" : "platform key (none is set for this provider)",
        _ => "no key (self-hosted)",
    };

    private static string Budget(decimal? amount) => amount is { } value ? $"${value:0.##}" : "no limit";
}
