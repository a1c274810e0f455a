using System.ComponentModel;
using AgentProvision.Core.Agents;
using AgentProvision.Core.Orchestration;
using Microsoft.Extensions.AI;

namespace AgentProvision.Infrastructure.Orchestration.Engine;

/// <summary>A subtask the agent asked for; created with the turn's outcome, so a turn that is cut short leaves none behind.</summary>
internal sealed record PlannedSubtask(Agent Agent, string Objective, string TaskType, TaskPriority Priority);

/// <summary>
/// The tools an agent acts through in one turn. Arguments are checked against the team (who may be handed work, who
/// may be consulted, how deep delegation may go); a call that breaks a rule throws a <see cref="ToolCallException"/>,
/// whose message goes back to the model as the tool's error so it can correct itself.
/// </summary>
internal sealed class TurnTools(TurnSituation situation, Func<Agent, string, CancellationToken, Task<string>> consult)
{
    public const string Delegate = "delegate_to_agent";
    public const string Query = "query_agent";
    public const string Escalate = "escalate_to_supervisor";

    private readonly List<PlannedSubtask> _delegations = [];

    public IReadOnlyList<PlannedSubtask> Delegations => _delegations;

    public string? EscalationReason { get; private set; }

    public IList<AITool> All() =>
    [
        AIFunctionFactory.Create(DelegateToAgent, Delegate,
            "Hand part of your task to an agent you supervise or delegate to. It becomes a subtask; you review the results when all your subtasks finish."),
        AIFunctionFactory.Create(QueryAgentAsync, Query,
            "Ask a peer you collaborate with or consult a question and get their answer now."),
        AIFunctionFactory.Create(EscalateToSupervisor, Escalate,
            "Hand the whole task up to your supervisor when you cannot finish it well. Ends your turn."),
    ];

    public string DelegateToAgent(
        [Description("The name of the agent to hand the work to.")] string agent,
        [Description("What the agent should do, specific and self-contained.")] string objective,
        [Description("One of research, analyze, generate, decide, execute. Defaults to this task's type.")] string? taskType = null,
        [Description("One of critical, high, normal, low, background. Defaults to this task's priority.")] string? priority = null)
    {
        var target = situation.Find(agent) ?? throw new ToolCallException($"There is no agent named \"{agent}\" in the team. {DelegatesText()}");
        if (!situation.Delegates().Any(a => a.Id == target.Id))
        {
            throw new ToolCallException($"You may not hand work to {target.Name}. {DelegatesText()}");
        }

        if (!situation.MayDelegate)
        {
            throw new ToolCallException(
                $"You cannot delegate further: this task is {situation.Task.Depth} level(s) deep and your limit is {situation.Agent.MaxDelegationDepth}. Do the work yourself.");
        }

        var text = (objective ?? string.Empty).Trim();
        if (text.Length is 0 or > 4000)
        {
            throw new ToolCallException("The objective must be 1 to 4,000 characters.");
        }

        var type = string.IsNullOrWhiteSpace(taskType) ? situation.Task.TaskType : taskType.Trim().ToLowerInvariant();
        if (!TaskTypes.All.Contains(type))
        {
            throw new ToolCallException($"taskType must be one of {string.Join(", ", TaskTypes.All)}.");
        }

        var level = situation.Task.Priority;
        if (!string.IsNullOrWhiteSpace(priority) && !Enum.TryParse(priority.Trim(), ignoreCase: true, out level) || !Enum.IsDefined(level))
        {
            throw new ToolCallException("priority must be one of critical, high, normal, low, background.");
        }

        if (_delegations.Count >= situation.Strategy.MaxParallel)
        {
            throw new ToolCallException($"The team's strategy allows at most {situation.Strategy.MaxParallel} subtasks at once; combine the remaining work.");
        }

        _delegations.Add(new PlannedSubtask(target, text, type, level));
        return $"Subtask for {target.Name} recorded; it starts when you end your turn. Delegate anything else, then reply with a short note of the plan.";
    }

    public async Task<string> QueryAgentAsync(
        [Description("The name of the peer to ask.")] string agent,
        [Description("The question, with the context the peer needs.")] string question,
        CancellationToken cancellationToken = default)
    {
        var target = situation.Find(agent) ?? throw new ToolCallException($"There is no agent named \"{agent}\" in the team. {PeersText()}");
        if (!situation.Peers().Any(a => a.Id == target.Id))
        {
            throw new ToolCallException($"You have no collaborates-with or consults link to {target.Name}. {PeersText()}");
        }

        var text = (question ?? string.Empty).Trim();
        if (text.Length is 0 or > 4000)
        {
            throw new ToolCallException("The question must be 1 to 4,000 characters.");
        }

        return await consult(target, text, cancellationToken);
    }

    public string EscalateToSupervisor([Description("Why you cannot finish the task well yourself.")] string reason)
    {
        var text = (reason ?? string.Empty).Trim();
        if (text.Length is 0 or > 2000)
        {
            throw new ToolCallException("Give a reason of 1 to 2,000 characters.");
        }

        EscalationReason = text;
        return situation.Supervisor is { } supervisor
            ? $"Escalated to {supervisor.Name}."
            : "You have no supervisor; the task goes to a person to decide.";
    }

    /// <summary>Tells the agent who it may hand work to and consult, so it need not guess names.</summary>
    public string Guidance()
    {
        var lines = new List<string> { DelegatesText(), PeersText() };
        lines.Add(situation.Supervisor is { } boss ? $"Your supervisor is {boss.Name} ({boss.Role})." : "You have no supervisor; escalations go to a person.");
        return string.Join(" ", lines);
    }

    private string DelegatesText()
    {
        var delegates = situation.Delegates();
        return delegates.Count == 0 || !situation.MayDelegate
            ? "You cannot delegate this task."
            : $"You may delegate to: {string.Join(", ", delegates.Select(a => $"{a.Name} ({a.Role})"))}.";
    }

    private string PeersText()
    {
        var peers = situation.Peers();
        return peers.Count == 0 ? "You have no peers to consult." : $"You may consult: {string.Join(", ", peers.Select(a => $"{a.Name} ({a.Role})"))}.";
    }
}

/// <summary>A tool call broke a rule; the message is written for the model, which gets it as the tool's error.</summary>
internal sealed class ToolCallException(string message) : InvalidOperationException(message);
