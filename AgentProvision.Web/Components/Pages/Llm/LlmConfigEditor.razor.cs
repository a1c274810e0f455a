using System.ComponentModel.DataAnnotations;
using AgentProvision.Core.Llm;
using Microsoft.AspNetCore.Components;

namespace AgentProvision.Web.Components.Pages.Llm;

public partial class LlmConfigEditor
{
    private const string Example = """
        {
          "preference": "balanced",
          "budgetSaverAt": 0.8,
          "rules": [
            { "name": "routine work is cheap", "maxComplexity": "low", "prefer": "cost" },
            { "name": "images need vision", "capabilities": ["vision"], "prefer": "quality" }
          ]
        }
        """;

    [Inject] private ILlmConfigService Configs { get; set; } = default!;

    [Parameter, EditorRequired] public Model Input { get; set; } = default!;
    [Parameter, EditorRequired] public IReadOnlyList<CatalogModelView> Models { get; set; } = [];
    [Parameter] public string? StoredKeyHint { get; set; }
    [Parameter] public EventCallback<LlmConfigView> OnSaved { get; set; }
    [Parameter] public EventCallback OnCancel { get; set; }

    private string? _error;
    private string? _rulesError;
    private bool _rulesOk;
    private bool _saving;

    protected override void OnParametersSet()
    {
        Input.Primary ??= Models.FirstOrDefault(m => m.Id == Input.PrimaryModelId);
        Input.Fallback ??= Models.FirstOrDefault(m => m.Id == Input.FallbackModelId);
    }

    private Task<IEnumerable<CatalogModelView>> SearchAsync(string? text, CancellationToken cancellationToken)
    {
        var terms = (text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var matches = Models.Where(m => terms.All(t =>
            m.Reference.Contains(t, StringComparison.OrdinalIgnoreCase) || m.DisplayName.Contains(t, StringComparison.OrdinalIgnoreCase)
            || m.ProviderDisplayName.Contains(t, StringComparison.OrdinalIgnoreCase)));
        return Task.FromResult(matches);
    }

    private static string Describe(CatalogModelView? model) =>
        model is null ? string.Empty : $"{model.DisplayName} ({model.Reference})";

    private void ValidateRules()
    {
        try
        {
            RoutingRuleSet.Parse(Input.RoutingRules);
            _rulesError = null;
            _rulesOk = !string.IsNullOrWhiteSpace(Input.RoutingRules);
        }
        catch (RoutingRulesException ex)
        {
            _rulesError = string.Join(" ", ex.Errors);
            _rulesOk = false;
        }
    }

    private void InsertExample()
    {
        Input.RoutingRules = Example;
        ValidateRules();
    }

    private async Task SaveAsync()
    {
        ValidateRules();
        if (_rulesError is not null)
        {
            return;
        }

        if (Input.Primary is null)
        {
            _error = "Choose the primary model.";
            return;
        }

        _saving = true;
        _error = null;
        try
        {
            var saved = await Configs.SaveAsync(new LlmConfigInput(Input.Id, Input.Name, Input.Primary.Id, Input.Fallback?.Id, Input.KeyMode,
                Input.KeyMode == KeyMode.Own ? Input.NewApiKey : null, Input.KeyMode == KeyMode.Platform ? null : Input.BaseUrl, Input.Temperature, Input.MaxTokens, Input.RoutingRules,
                Input.BudgetDaily, Input.BudgetMonthly, Input.MakeDefault));
            Input.NewApiKey = null;
            await OnSaved.InvokeAsync(saved);
        }
        catch (InvalidOperationException ex) when (ex is LlmConfigurationException or LlmValidationException)
        {
            _error = ex.Message;
        }
        finally
        {
            _saving = false;
        }
    }

    /// <summary>The form's state. The API key is write-only: it is never loaded back into the form.</summary>
    public sealed class Model
    {
        public Guid? Id { get; set; }

        [Required(ErrorMessage = "Name the configuration."), StringLength(80)]
        public string Name { get; set; } = string.Empty;

        public Guid PrimaryModelId { get; set; }
        public Guid? FallbackModelId { get; set; }
        public CatalogModelView? Primary { get; set; }
        public CatalogModelView? Fallback { get; set; }
        public KeyMode KeyMode { get; set; } = KeyMode.Own;
        public string? NewApiKey { get; set; }
        public string? BaseUrl { get; set; }

        [Range(0, 2, ErrorMessage = "Temperature is between 0 and 2.")]
        public double Temperature { get; set; } = 0.7;

        [Range(1, 1_000_000, ErrorMessage = "Max tokens is between 1 and 1,000,000.")]
        public int MaxTokens { get; set; } = 1024;

        public decimal? BudgetDaily { get; set; }
        public decimal? BudgetMonthly { get; set; }
        public string? RoutingRules { get; set; }
        public bool MakeDefault { get; set; }

        public static Model New(bool first) => new() { Name = first ? "Default" : string.Empty, MakeDefault = first };

        public static Model From(LlmConfigView view) => new()
        {
            Id = view.Id,
            Name = view.Name,
            PrimaryModelId = view.PrimaryModelId,
            FallbackModelId = view.FallbackModelId,
            KeyMode = view.KeyMode,
            BaseUrl = view.BaseUrl,
            Temperature = view.Temperature,
            MaxTokens = view.MaxTokens,
            BudgetDaily = view.BudgetLimitDaily,
            BudgetMonthly = view.BudgetLimitMonthly,
            RoutingRules = view.RoutingRules,
            MakeDefault = view.IsDefault,
        };
    }
}
