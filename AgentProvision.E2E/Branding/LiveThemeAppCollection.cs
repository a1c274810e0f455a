using AgentProvision.E2E.Infrastructure;

namespace AgentProvision.E2E.Branding;

/// <summary>
/// The live theme and live features tests re-brand acme and switch its features off; they get an app of their own so the
/// shared app's acme keeps the colours, logos and features the other browser tests expect. Run alone, so two apps never
/// compete on a small machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LiveThemeAppCollection : ICollectionFixture<BrowserAppFixture>
{
    public const string Name = "Live theme against its own app";
}
