using AgentProvision.Core.Orchestration;

namespace AgentProvision.Tests.Orchestration;

public class AgentTaskShould
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<AgentTaskStatus, AgentTaskStatus, bool> Transitions()
    {
        var data = new TheoryData<AgentTaskStatus, AgentTaskStatus, bool>();
        var allowed = new HashSet<(AgentTaskStatus, AgentTaskStatus)>
        {
            (AgentTaskStatus.Queued, AgentTaskStatus.Thinking), (AgentTaskStatus.Queued, AgentTaskStatus.WaitingInput), (AgentTaskStatus.Queued, AgentTaskStatus.Failed),
            (AgentTaskStatus.Thinking, AgentTaskStatus.Executing), (AgentTaskStatus.Thinking, AgentTaskStatus.Delegated), (AgentTaskStatus.Thinking, AgentTaskStatus.WaitingInput),
            (AgentTaskStatus.Thinking, AgentTaskStatus.Reviewing), (AgentTaskStatus.Thinking, AgentTaskStatus.Completed), (AgentTaskStatus.Thinking, AgentTaskStatus.Failed),
            (AgentTaskStatus.Thinking, AgentTaskStatus.Queued),
            (AgentTaskStatus.Executing, AgentTaskStatus.Thinking), (AgentTaskStatus.Executing, AgentTaskStatus.Delegated), (AgentTaskStatus.Executing, AgentTaskStatus.WaitingInput),
            (AgentTaskStatus.Executing, AgentTaskStatus.Reviewing), (AgentTaskStatus.Executing, AgentTaskStatus.Completed), (AgentTaskStatus.Executing, AgentTaskStatus.Failed),
            (AgentTaskStatus.Executing, AgentTaskStatus.Queued),
            (AgentTaskStatus.WaitingInput, AgentTaskStatus.Queued), (AgentTaskStatus.WaitingInput, AgentTaskStatus.Thinking), (AgentTaskStatus.WaitingInput, AgentTaskStatus.Failed),
            (AgentTaskStatus.WaitingInput, AgentTaskStatus.Completed),
            (AgentTaskStatus.Delegated, AgentTaskStatus.Reviewing), (AgentTaskStatus.Delegated, AgentTaskStatus.WaitingInput), (AgentTaskStatus.Delegated, AgentTaskStatus.Failed),
            (AgentTaskStatus.Reviewing, AgentTaskStatus.Thinking), (AgentTaskStatus.Reviewing, AgentTaskStatus.WaitingInput), (AgentTaskStatus.Reviewing, AgentTaskStatus.Completed),
            (AgentTaskStatus.Reviewing, AgentTaskStatus.Failed), (AgentTaskStatus.Reviewing, AgentTaskStatus.Delegated),
            (AgentTaskStatus.Reviewing, AgentTaskStatus.Queued),
        };
        foreach (var from in Enum.GetValues<AgentTaskStatus>())
        {
            foreach (var to in Enum.GetValues<AgentTaskStatus>())
            {
                data.Add(from, to, allowed.Contains((from, to)));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Transitions))]
    public void AllowOnlyTheDesignedTransitions(AgentTaskStatus from, AgentTaskStatus to, bool allowed) =>
        TaskStateMachine.CanMove(from, to).ShouldBe(allowed);

    [Fact]
    public void StartQueuedAndStampWhenWorkBegins()
    {
        var task = NewTask();

        task.Status.ShouldBe(AgentTaskStatus.Queued);
        task.HumanRequested.ShouldBeTrue();
        task.StartThinking(Now.AddSeconds(5));
        task.StartedAt.ShouldBe(Now.AddSeconds(5));
    }

    [Fact]
    public void RefuseAnIllegalTransitionAndStayWhereItWas()
    {
        var task = NewTask();

        var error = Should.Throw<TaskTransitionException>(() => task.Complete("{}", 0.9, Now));

        error.Message.ShouldBe("A task that is queued cannot become completed.");
        task.Status.ShouldBe(AgentTaskStatus.Queued);
        task.Output.ShouldBeNull();
    }

    [Fact]
    public void NeverLeaveAFinalStatus()
    {
        var task = NewTask();
        task.StartThinking(Now);
        task.Complete("""{"answer":"done"}""", 0.8, Now.AddMinutes(1));

        foreach (var next in Enum.GetValues<AgentTaskStatus>())
        {
            TaskStateMachine.CanMove(task.Status, next).ShouldBeFalse();
        }

        Should.Throw<TaskTransitionException>(() => task.Reassign(Guid.NewGuid(), Now));
        task.CompletedAt.ShouldBe(Now.AddMinutes(1));
        task.Confidence.ShouldBe(0.8);
    }

    [Fact]
    public void CountDelegationDepthFromItsParent()
    {
        var parent = NewTask();
        var child = new AgentTask(parent.TenantId, parent.GroupId, Guid.NewGuid(), "part", TaskTypes.Research, TaskPriority.High, Now,
            createdByAgentId: parent.AssignedAgentId, parent: parent);
        var grandchild = new AgentTask(parent.TenantId, parent.GroupId, Guid.NewGuid(), "sub-part", TaskTypes.Research, TaskPriority.High, Now,
            createdByAgentId: child.AssignedAgentId, parent: child);

        (parent.Depth, child.Depth, grandchild.Depth).ShouldBe((0, 1, 2));
        child.ParentTaskId.ShouldBe(parent.Id);
        child.HumanRequested.ShouldBeFalse();
    }

    [Fact]
    public void KeepAChainOfReasoningAndAddUpUsage()
    {
        var task = NewTask();
        task.RecordReasoning("""{"step":"think"}""", Now);
        task.RecordReasoning("""{"step":"tool","name":"delegate_to_agent"}""", Now);
        task.AddUsage(1200, 0.0012m, Now);
        task.AddUsage(300, 0.0003m, Now);

        System.Text.Json.JsonDocument.Parse(task.Reasoning).RootElement.GetArrayLength().ShouldBe(2);
        task.TokensUsed.ShouldBe(1500);
        task.Cost.ShouldBe(0.0015m);
    }

    [Theory]
    [InlineData("", TaskTypes.Research)]
    [InlineData("Find leads", "dance")]
    public void RefuseAnInvalidTask(string objective, string taskType) =>
        Should.Throw<ArgumentException>(() => new AgentTask(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), objective, taskType, TaskPriority.Normal, Now));

    [Fact]
    public void SortByUrgencyWithCriticalFirst() =>
        Enum.GetValues<TaskPriority>().Order().First().ShouldBe(TaskPriority.Critical);

    private static AgentTask NewTask() =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Research three competitors", TaskTypes.Research, TaskPriority.Normal, Now);
}
