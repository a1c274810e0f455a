using System.ComponentModel.DataAnnotations;
using AgentProvision.Core.Agents;
using AgentProvision.Core.Orchestration;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace AgentProvision.Web.Components.Pages.Orchestration;

/// <summary>Gives a team a task. Closes with the new <see cref="TaskCard"/>; refusals are shown inline and keep the dialog open.</summary>
public partial class NewTaskDialog
{
    [Inject] private ITaskService TaskService { get; set; } = default!;
    [Inject] private ITeamService TeamService { get; set; } = default!;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter, EditorRequired] public IReadOnlyList<TeamSummary> Teams { get; set; } = [];

    /// <summary>The team the board is filtered to, if any: the likely choice.</summary>
    [Parameter] public Guid? InitialTeamId { get; set; }

    private readonly NewTaskForm _form = new();
    private EditContext _context = default!;
    private IReadOnlyList<AgentView>? _agents;
    private string? _error;
    private bool _busy;

    protected override async Task OnInitializedAsync()
    {
        _context = new EditContext(_form);
        var initial = InitialTeamId ?? (Teams.Count == 1 ? Teams[0].Id : null);
        if (initial is { } teamId && Teams.Any(t => t.Id == teamId))
        {
            await TeamChangedAsync(teamId);
        }
    }

    private async Task TeamChangedAsync(Guid? teamId)
    {
        _form.TeamId = teamId;
        _form.AgentId = null;
        _agents = teamId is { } id ? (await TeamService.GetAsync(id))?.Agents ?? [] : null;
        _context.NotifyFieldChanged(_context.Field(nameof(NewTaskForm.TeamId)));
    }

    private string? TeamName(Guid? id) => Teams.FirstOrDefault(t => t.Id == id)?.Name;

    private string? AgentName(Guid? id) => _agents?.FirstOrDefault(a => a.Id == id)?.Name;

    // A textarea keeps Enter for itself; here Enter submits and Shift+Enter is the new line.
    private async Task ObjectiveKeyDownAsync(KeyboardEventArgs args)
    {
        if (args is { Key: "Enter", ShiftKey: false } && !_busy && _context.Validate())
        {
            _form.Objective = _form.Objective.TrimEnd('\r', '\n');
            await CreateAsync();
        }
    }

    private async Task CreateAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var card = await TaskService.CreateAsync(new NewTaskInput(_form.TeamId!.Value, _form.Objective.Trim(), _form.Priority, _form.TaskType,
                _form.RequiresApproval, _form.AgentId));
            Dialog.Close(DialogResult.Ok(card));
        }
        catch (Exception ex) when (TaskDisplay.IsForPeople(ex))
        {
            _error = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private sealed class NewTaskForm
    {
        public const int ObjectiveMaxLength = 4000;

        [Required(AllowEmptyStrings = false, ErrorMessage = "Say what the team should achieve.")]
        [StringLength(ObjectiveMaxLength, ErrorMessage = "An objective is at most 4,000 characters.")]
        public string Objective { get; set; } = string.Empty;

        [Required(ErrorMessage = "Choose the team that works on it.")]
        public Guid? TeamId { get; set; }

        public Guid? AgentId { get; set; }

        public TaskPriority Priority { get; set; } = TaskPriority.Normal;

        public string TaskType { get; set; } = TaskTypes.Research;

        public bool RequiresApproval { get; set; }
    }
}
