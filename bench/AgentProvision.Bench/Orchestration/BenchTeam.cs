using AgentProvision.Core.Agents;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Orchestration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Bench.Orchestration;

/// <summary>A team built through the real team service (a lead supervising its workers) and tasks created for it as a person would.</summary>
internal sealed class BenchTeam(BenchHost host, string tenant, Guid id)
{
    public Guid Id => id;

    public static async Task<BenchTeam> CreateAsync(BenchHost host, string tenant, string name, string lead, params string[] workers)
    {
        await using var scope = await host.ScopeAsync(tenant, Roles.Operator);
        var teams = scope.ServiceProvider.GetRequiredService<ITeamService>();
        var team = await teams.SaveTeamAsync(new TeamInput(null, name, "Answer the customer's questions well.", null, null, null, null));
        var ids = new Dictionary<string, Guid>();
        foreach (var member in workers.Prepend(lead))
        {
            ids[member] = (await teams.SaveAgentAsync(team.Id, new AgentInput(null, member, member == lead ? "Manager" : "Researcher", null,
                ["research"], null, null, AutonomyLevel.Full, 2, null))).Id;
        }

        foreach (var worker in workers)
        {
            await teams.ConnectAsync(team.Id, new RelationshipInput(ids[lead], ids[worker], RelationshipType.Supervises, 0.9, CommunicationStyle.Async, null));
        }

        return new BenchTeam(host, tenant, team.Id);
    }

    /// <summary>A scope acting as an operator of the team's organisation, as their circuit would.</summary>
    public Task<AsyncServiceScope> PersonAsync() => host.ScopeAsync(tenant, Roles.Operator);

    /// <summary>Creates <paramref name="count"/> tasks for the team's lead, from <paramref name="callers"/> people at once.</summary>
    public Task CreateTasksAsync(int count, int callers) =>
        Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = callers }, async (i, cancellationToken) =>
        {
            await using var scope = await PersonAsync();
            await scope.ServiceProvider.GetRequiredService<ITaskService>()
                .CreateAsync(new NewTaskInput(id, $"Answer customer question #{i + 1}", TaskPriority.Normal, TaskTypes.Research, false), cancellationToken);
        });

    /// <summary>How many of the team's top-level tasks are in each status, read back from the database.</summary>
    public async Task<IReadOnlyDictionary<AgentTaskStatus, int>> CountAsync()
    {
        await using var scope = await PersonAsync();
        return await scope.ServiceProvider.GetRequiredService<ITaskService>().CountAsync(new TaskBoardFilter(TeamId: id, TopLevelOnly: true));
    }
}
