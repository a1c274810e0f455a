using AgentProvision.Core.Identity;
using AgentProvision.Core.Llm;
using AgentProvision.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Llm;

public class DemoLlmSetupShould
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GiveDemoTenantsADefaultConfigurationWhenThePlatformHasAKey()
    {
        await using var app = AppFactory.With(("Llm:PlatformKeys:anthropic", "sk-ant-platform-key-0000"));
        await using var scope = await app.ScopeAsync("acme", roles: Roles.TenantAdmin);

        var config = (await scope.ServiceProvider.GetRequiredService<ILlmConfigService>().ListAsync(Ct)).ShouldHaveSingleItem();

        config.IsDefault.ShouldBeTrue();
        config.KeyMode.ShouldBe(KeyMode.Platform);
        config.PrimaryModel.ShouldStartWith("anthropic/");
        config.PlatformKeyAvailable.ShouldBeTrue();
        config.BudgetLimitDaily.ShouldBe(5m);
    }

    [Fact]
    public async Task LeaveDemoTenantsUnconfiguredWithoutAKey()
    {
        var present = Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(k => k.EndsWith("_API_KEY", StringComparison.Ordinal)).ToList();
        if (present.Count > 0)
        {
            Assert.Skip($"The environment carries platform keys ({string.Join(", ", present)}), so demo tenants are configured by design.");
        }

        await using var app = new AppFactory();
        await using var scope = await app.ScopeAsync("acme", roles: Roles.TenantAdmin);

        (await scope.ServiceProvider.GetRequiredService<ILlmConfigService>().ListAsync(Ct)).ShouldBeEmpty();
    }
}
