using AgentProvision.E2E.Infrastructure;

namespace AgentProvision.E2E.Orchestration;

/// <summary>
/// The task engine tests get an app of their own: they give acme a model configuration and a team, and their model calls
/// show on acme's usage, which the other browser tests expect to find empty. Run alone, after the shared collection, so
/// two apps and two browsers never compete on a small machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TaskEngineAppCollection : ICollectionFixture<BrowserAppFixture>
{
    public const string Name = "Task engine against its own app";
}
