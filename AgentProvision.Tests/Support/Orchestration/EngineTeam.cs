using AgentProvision.Core.Agents;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Orchestration;
using AgentProvision.Tests.Support.Llm;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Support.Orchestration;

/// <summary>A team built through the real team service, for engine tests, and the calls tests make on its tasks.</summary>
public sealed class EngineTeam(AppFactory app, string tenant, Guid teamId, IReadOnlyDictionary<string, Guid> agents)
{
    public Guid Id => teamId;

    public Guid this[string agent] => agents[agent];

    /// <summary>Builds a team whose members are (name, role, autonomy, max depth) and links are (from, type, to, trust).</summary>
    public static async Task<EngineTeam> CreateAsync(AppFactory app, string tenant, IEnumerable<(string Name, string Role)> members,
        IEnumerable<(string From, RelationshipType Type, string To)> links, string? strategy = null, string? escalation = null,
        Action<string, AgentInputTweak>? tweak = null, double trust = 0.9)
    {
        await using var scope = await app.ScopeAsync(tenant, roles: Roles.Operator);
        var teams = scope.ServiceProvider.GetRequiredService<ITeamService>();
        var team = await teams.SaveTeamAsync(new TeamInput(null, $"Team {Guid.NewGuid():N}"[..20], "Answer the customer's questions well.", null,
            strategy, """{"product":"AgentProvision"}""", escalation));
        var ids = new Dictionary<string, Guid>();
        foreach (var (name, role) in members)
        {
            var options = new AgentInputTweak();
            tweak?.Invoke(name, options);
            ids[name] = (await teams.SaveAgentAsync(team.Id, new AgentInput(null, name, role, null, ["research"], """{"tone":"direct"}""", "{}",
                options.Autonomy, options.MaxDepth, null))).Id;
        }

        foreach (var (from, type, to) in links)
        {
            await teams.ConnectAsync(team.Id, new RelationshipInput(ids[from], ids[to], type, trust, CommunicationStyle.Async, null));
        }

        return new EngineTeam(app, tenant, team.Id, ids);
    }

    public async Task<TaskCard> CreateTaskAsync(string objective, bool requiresApproval = false, string? agent = null,
        TaskPriority priority = TaskPriority.Normal, string type = TaskTypes.Research)
    {
        await using var scope = await app.ScopeAsync(tenant, roles: Roles.Operator);
        return await scope.ServiceProvider.GetRequiredService<ITaskService>()
            .CreateAsync(new NewTaskInput(teamId, objective, priority, type, requiresApproval, agent is null ? null : agents[agent]));
    }

    public async Task<TaskDetailView> DetailAsync(Guid taskId)
    {
        await using var scope = await app.ScopeAsync(tenant, roles: Roles.Operator);
        return (await scope.ServiceProvider.GetRequiredService<ITaskService>().GetAsync(taskId))!;
    }

    /// <summary>Waits until the task reaches <paramref name="status"/> (and is not being worked on).</summary>
    public Task<TaskDetailView> UntilAsync(Guid taskId, AgentTaskStatus status, TimeSpan? within = null) =>
        Eventually.MatchAsync(() => DetailAsync(taskId), d => d.Card.Status == status, $"the task is {status}", within);

    public async Task<T> WithServiceAsync<T>(Func<ITaskService, Task<T>> use, string role = Roles.Operator)
    {
        await using var scope = await app.ScopeAsync(tenant, roles: role);
        return await use(scope.ServiceProvider.GetRequiredService<ITaskService>());
    }

    public Task WithServiceAsync(Func<ITaskService, Task> use, string role = Roles.Operator) =>
        WithServiceAsync(async s =>
        {
            await use(s);
            return true;
        }, role);

    /// <summary>Points the tenant's default LLM configuration at the scripted model.</summary>
    public static Task UseModelAsync(AppFactory app, string tenant, ScriptedLlmServer server, AgentModel model)
    {
        model.Attach(server);
        return LlmTenantSetup.ConfigureAsync(app, tenant, server);
    }
}

public sealed class AgentInputTweak
{
    public AutonomyLevel Autonomy { get; set; } = AutonomyLevel.Full;

    public int MaxDepth { get; set; } = 2;
}
