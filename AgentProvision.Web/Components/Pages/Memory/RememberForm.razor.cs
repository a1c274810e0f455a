using System.ComponentModel.DataAnnotations;
using AgentProvision.Core.Memory;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace AgentProvision.Web.Components.Pages.Memory;

/// <summary>
/// Adds a memory by hand. The form checks only that there is something to remember; every other rule (length, expiry)
/// is the service's, and its refusal is shown above the form, which keeps what was typed.
/// </summary>
public partial class RememberForm
{
    [Inject] private IMemoryService Memory { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Parameter, EditorRequired] public Guid AgentId { get; set; }
    [Parameter, EditorRequired] public string AgentName { get; set; } = string.Empty;
    [Parameter] public EventCallback<MemoryView> OnRemembered { get; set; }

    private RememberInputForm _form = new();
    private EditContext _context = default!;
    private string? _error;
    private bool _busy;

    private DateTime Tomorrow => Clock.GetUtcNow().UtcDateTime.Date.AddDays(1);

    protected override void OnInitialized() => _context = new EditContext(_form);

    // A textarea keeps Enter for itself; here Enter saves and Shift+Enter is the new line.
    private async Task ContentKeyDownAsync(KeyboardEventArgs args)
    {
        if (args is { Key: "Enter", ShiftKey: false } && !_busy && _context.Validate())
        {
            _form.Content = _form.Content.TrimEnd('\r', '\n');
            await RememberAsync();
        }
    }

    private async Task RememberAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            // Chosen as a day: the memory lasts through it, to midnight UTC.
            var expiresAt = _form.ExpiresOn is { } day ? new DateTimeOffset(day.Date.AddDays(1), TimeSpan.Zero) : (DateTimeOffset?)null;
            var memory = await Memory.RememberAsync(new RememberInput(AgentId, _form.Content, _form.Type, _form.Importance, _form.Source,
                ExpiresAt: expiresAt));
            Snackbar.Add($"{AgentName} remembers it now.", Severity.Success);
            // Type, source and importance stay: memories are often added as a run of the same kind.
            _form = new RememberInputForm { Type = _form.Type, Source = _form.Source, Importance = _form.Importance };
            _context = new EditContext(_form);
            await OnRemembered.InvokeAsync(memory);
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

    private sealed class RememberInputForm
    {
        [Required(AllowEmptyStrings = false, ErrorMessage = "Write what the agent should remember.")]
        public string Content { get; set; } = string.Empty;

        public MemoryType Type { get; set; } = MemoryType.Fact;

        public MemorySource Source { get; set; } = MemorySource.Training;

        public double Importance { get; set; } = 0.5;

        public DateTime? ExpiresOn { get; set; }
    }
}
