using AgentProvision.Core.Templates;
using AgentProvision.Core.Tenancy;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AgentProvision.Web.Components.Pages.Templates;

public partial class IndustryTemplates
{
    [Inject] private IIndustryTemplates Templates { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [CascadingParameter] private TenantInfo Tenant { get; set; } = default!;

    private string? _busy;
    private string? _error;
    private string? _result;

    private async Task ApplyAsync(IndustryTemplate template)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Apply the {template.Name} template",
            $"This adds {Summary(template)} to {Tenant.Name}. Existing agents, teams and settings are kept.",
            yesText: "Apply", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        _busy = template.Key;
        _error = _result = null;
        try
        {
            var applied = await Templates.ApplyAsync(template.Key);
            _result = applied.ChangedAnything
                ? $"{template.Name} applied: {applied.AgentsCreated} agents and {applied.SkillsCreated} skills added, "
                  + $"{(applied.TeamCreated ? "a team created" : "team kept")}, compliance {(applied.ComplianceChanged ? "updated" : "unchanged")}."
                : $"{template.Name} was already applied; nothing changed.";
        }
        catch (TenancyException ex)
        {
            _error = ex.Message;
        }
        finally
        {
            _busy = null;
        }
    }

    private static string Summary(IndustryTemplate template)
    {
        var parts = new List<string>();
        if (template.Agents.Count > 0)
        {
            parts.Add($"{template.Agents.Count} agents with their skills in the team \"{template.Team?.Name}\"");
        }

        if (template.Compliance.Regimes.Count > 0)
        {
            parts.Add($"the compliance regimes {string.Join(", ", template.Compliance.Regimes.Select(r => r.ToUpperInvariant()))}");
        }

        if (template.Compliance.AutoRedactPii)
        {
            parts.Add("automatic redaction of personal data");
        }

        return parts.Count == 0 ? "nothing" : string.Join(", ", parts);
    }
}
