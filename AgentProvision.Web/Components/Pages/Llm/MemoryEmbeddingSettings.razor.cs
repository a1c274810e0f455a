using AgentProvision.Core.Memory;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AgentProvision.Web.Components.Pages.Llm;

/// <summary>The tenant's choice of embedding model for memories, on the LLM settings page.</summary>
public partial class MemoryEmbeddingSettings
{
    [Inject] private IMemorySettingsService MemorySettings { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The page's configurations: when the page reloads them, the models they reach are listed again.</summary>
    [Parameter] public object? Configurations { get; set; }

    [Parameter] public string? Class { get; set; }

    private object? _loadedFor;
    private EmbeddingSettings? _settings;
    private EmbeddingChoice? _selected;
    private bool _saving;
    private string? _error;

    protected override async Task OnParametersSetAsync()
    {
        if (_settings is null || !ReferenceEquals(_loadedFor, Configurations))
        {
            _loadedFor = Configurations;
            Show(await MemorySettings.GetEmbeddingAsync());
        }
    }

    private async Task ChangeAsync()
    {
        if (_settings is null || _selected is not { } choice)
        {
            return;
        }

        var label = Describe(choice);
        var confirmed = await Dialogs.ShowMessageBoxAsync("Change the embedding model",
            $"Changing the embedding model re-embeds every memory of your organisation with {label}." +
            (choice.IsLocal ? string.Empty : " The provider bills the tokens of every memory."),
            yesText: "Change model", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        _saving = true;
        _error = null;
        try
        {
            Show(await MemorySettings.SetEmbeddingAsync(choice));
            Snackbar.Add($"Memories are now embedded with {label}.", Severity.Success);
        }
        catch (MemorySettingsException ex)
        {
            _error = ex.Message;
        }
        finally
        {
            _saving = false;
        }
    }

    private void Show(EmbeddingSettings settings)
    {
        _settings = settings;
        _selected = settings.Current.Choice;
    }

    private string Describe(EmbeddingChoice? choice)
    {
        var option = _settings?.Options.FirstOrDefault(o => o.Choice == choice) ?? (_settings?.Current.Choice == choice ? _settings?.Current : null);
        return option is null ? string.Empty
            : option.InputCostPer1M > 0 ? $"{option.Label} · ${option.InputCostPer1M:0.####} per million tokens"
            : option.Label;
    }
}
