using AgentProvision.E2E.Infrastructure;

namespace AgentProvision.E2E.Analytics;

/// <summary>
/// The analytics tests give acme a model and usage; they get an app of their own so the shared app's acme keeps the
/// empty LLM settings the other browser tests expect. Run alone, so two apps never compete on a small machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AnalyticsAppCollection : ICollectionFixture<BrowserAppFixture>
{
    public const string Name = "Analytics against its own app";
}
