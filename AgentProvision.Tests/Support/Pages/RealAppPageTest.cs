using AgentProvision.Core.Agents;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Orchestration;
using AgentProvision.Core.Tenancy;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace AgentProvision.Tests.Support.Pages;

/// <summary>
/// bUnit over the real application: a fresh host per test (migrations, seed; the task engine off, so tasks stay where a
/// test puts them) whose tenant-scoped services back bUnit as its fallback provider. Pages run against the real task
/// and team services over SQLite and the real in-process task events; only the browser is missing (loose JS interop).
/// </summary>
public abstract class RealAppPageTest : BunitContext
{
    private readonly List<AsyncServiceScope> _scopes = [];

    protected RealAppPageTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        // Pages read their filters from the address, as the router supplies them in the app.
        Services.AddSupplyValueFromQueryProvider();
    }

    protected static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// <summary>Long enough for a live refresh (a quarter-second coalescing window and a query) on a slow machine.</summary>
    protected static TimeSpan Live => TimeSpan.FromSeconds(5);

    protected AppFactory App { get; } = AppFactory.With(("Orchestration:EngineEnabled", "false"));

    protected TenantInfo Tenant { get; private set; } = default!;

    /// <summary>The person looking at the page: a user of acme with <paramref name="role"/>. Call before rendering.</summary>
    protected async Task SignInAsync(string role = Roles.Operator)
    {
        var scope = await App.ScopeAsync("acme", roles: role);
        _scopes.Add(scope);
        Tenant = scope.ServiceProvider.GetRequiredService<TenantContext>().Tenant!;
        Services.AddFallbackServiceProvider(scope.ServiceProvider);
    }

    /// <summary>Someone else at work in the same organisation (another operator's circuit, or the engine): their own scope.</summary>
    protected async Task<T> ElsewhereAsync<T>(Func<ITaskService, ITeamService, Task<T>> act)
    {
        await using var scope = await App.ScopeAsync("acme", roles: Roles.Operator);
        return await act(scope.ServiceProvider.GetRequiredService<ITaskService>(), scope.ServiceProvider.GetRequiredService<ITeamService>());
    }

    protected Task ElsewhereAsync(Func<ITaskService, Task> act) => ElsewhereAsync(async (tasks, _) =>
    {
        await act(tasks);
        return true;
    });

    /// <summary>A team built through the real team service: (name, role) members, the first supervising the others.</summary>
    protected Task<(Guid TeamId, IReadOnlyDictionary<string, Guid> Agents)> TeamAsync(string name, params (string Name, string Role)[] members) =>
        ElsewhereAsync<(Guid, IReadOnlyDictionary<string, Guid>)>(async (_, teams) =>
        {
            var team = await teams.SaveTeamAsync(new TeamInput(null, name, "Serve the customer well", null, null, null, null), Ct);
            var agents = new Dictionary<string, Guid>();
            foreach (var (member, role) in members)
            {
                agents[member] = (await teams.SaveAgentAsync(team.Id, new AgentInput(null, member, role, null, ["research"], null, null,
                    AutonomyLevel.Full, 2, null), Ct)).Id;
            }

            foreach (var worker in members.Skip(1))
            {
                await teams.ConnectAsync(team.Id, new RelationshipInput(agents[members[0].Name], agents[worker.Name], RelationshipType.Supervises,
                    0.9, CommunicationStyle.Async, null), Ct);
            }

            return (team.Id, agents);
        });

    protected Task<TaskCard> TaskAsync(Guid teamId, string objective, Guid? agentId = null, TaskPriority priority = TaskPriority.Normal) =>
        ElsewhereAsync((tasks, _) => tasks.CreateAsync(new NewTaskInput(teamId, objective, priority, TaskTypes.Research, false, agentId), Ct));

    /// <summary>Renders a page as the router would: inside the popover and dialog providers, with the tenant cascaded.</summary>
    protected IRenderedComponent<TPage> RenderPage<TPage>(Action<ComponentParameterCollectionBuilder<TPage>>? parameters = null)
        where TPage : IComponent
    {
        Render<MudPopoverProvider>();
        Render<MudDialogProvider>();
        var host = Render<CascadingValue<TenantInfo>>(tenant => tenant
            .Add(p => p.Value, Tenant)
            .Add(p => p.IsFixed, true)
            .AddChildContent(parameters ?? (_ => { })));
        return host.FindComponent<TPage>();
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        // Pages first (they unsubscribe from the live events), then the scopes and the host they came from.
        await base.DisposeAsyncCore();
        foreach (var scope in _scopes)
        {
            await scope.DisposeAsync();
        }

        await App.DisposeAsync();
    }
}
