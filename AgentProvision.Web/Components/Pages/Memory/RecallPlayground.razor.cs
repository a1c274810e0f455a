using System.ComponentModel.DataAnnotations;
using AgentProvision.Core.Memory;
using AgentProvision.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace AgentProvision.Web.Components.Pages.Memory;

/// <summary>Recall as the agent would run it, for a person: ranked results with the parts of each score.</summary>
public partial class RecallPlayground
{
    private const int MaxLimit = 50;

    private const string RelevantMeaning =
        "Stands out from the agent's other memories by the relevance threshold; an agent with fewer than 16 memories has every result counted relevant.";

    private const string NotDistinctMeaning =
        "Returned because it ranked here, but it does not stand out from the agent's other memories: a recall of only such results is not a hit.";

    [Inject] private IMemoryService Memory { get; set; } = default!;

    [Parameter, EditorRequired] public Guid AgentId { get; set; }
    [Parameter, EditorRequired] public string AgentName { get; set; } = string.Empty;

    /// <summary>A recall counts the returned memories as accessed: the list and the figures change.</summary>
    [Parameter] public EventCallback OnRecalled { get; set; }

    private readonly RecallForm _form = new();
    private RecallResult? _result;
    private string? _query;
    private string? _error;
    private bool _busy;

    private string Stats => _result is null ? string.Empty
        : $"{Display.Count(_result.Memories.Count, "result")} for “{_query}” · searched {Display.Count(_result.Searched, "memory", "memories")} "
          + $"in {MemoryDisplay.Milliseconds(_result.Elapsed)}";

    private async Task RecallAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var query = _form.Query.Trim();
            _result = await Memory.RecallAsync(new RecallInput(AgentId, query, Math.Clamp(_form.Limit, 1, MaxLimit), Purpose: RecallPurpose.Playground));
            _query = query;
            await OnRecalled.InvokeAsync();
        }
        catch (Exception ex) when (MemoryDisplay.IsForPeople(ex))
        {
            _error = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private sealed class RecallForm
    {
        [Required(AllowEmptyStrings = false, ErrorMessage = "Write what to recall: a question or a few words.")]
        public string Query { get; set; } = string.Empty;

        [Range(1, MaxLimit, ErrorMessage = "Ask for 1 to 50 memories.")]
        public int Limit { get; set; } = 5;
    }
}
