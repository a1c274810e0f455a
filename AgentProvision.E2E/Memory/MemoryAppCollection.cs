using AgentProvision.E2E.Infrastructure;

namespace AgentProvision.E2E.Memory;

/// <summary>
/// The memory tests give acme a team and memories of its own; they get an app of their own so the shared app's tenants
/// stay as the other browser tests expect them (globex without teams, acme's usage untouched). Run alone, like the task
/// engine's, so two apps never compete on a small machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryAppCollection : ICollectionFixture<BrowserAppFixture>
{
    public const string Name = "Memory against its own app";
}
