using AgentProvision.Core.Branding;
using AgentProvision.Infrastructure.Branding;
using Shouldly;

namespace AgentProvision.Tests.Branding;

public sealed class BrandingNotifierShould
{
    private static readonly Guid Acme = Guid.NewGuid();
    private static readonly Guid Globex = Guid.NewGuid();

    [Fact]
    public async Task TellEveryOpenPageOfTheTenantAndNoOther()
    {
        var notifier = new BrandingNotifier();
        var acmePages = new List<string>();
        var globexPages = new List<string>();
        using var first = notifier.Subscribe(Acme, b => Record(acmePages, "first " + b.PrimaryColor));
        using var second = notifier.Subscribe(Acme, b => Record(acmePages, "second " + b.PrimaryColor));
        using var other = notifier.Subscribe(Globex, b => Record(globexPages, b.PrimaryColor));

        await notifier.NotifyAsync(Brand(Acme, "#15803D"));

        acmePages.Order().ShouldBe(["first #15803D", "second #15803D"]);
        globexPages.ShouldBeEmpty();
    }

    [Fact]
    public async Task StopTellingAPageOnceItIsClosed()
    {
        var notifier = new BrandingNotifier();
        var seen = 0;
        var subscription = notifier.Subscribe(Acme, _ => { seen++; return Task.CompletedTask; });

        subscription.Dispose();
        await notifier.NotifyAsync(Brand(Acme, "#15803D"));

        seen.ShouldBe(0);
    }

    [Fact]
    public async Task KeepTellingOtherPagesWhenOneFails()
    {
        var notifier = new BrandingNotifier();
        var seen = new List<string>();
        using var broken = notifier.Subscribe(Acme, _ => throw new InvalidOperationException("circuit gone"));
        using var healthy = notifier.Subscribe(Acme, b => Record(seen, b.PrimaryColor));

        await notifier.NotifyAsync(Brand(Acme, "#C2410C"));

        seen.ShouldBe(["#C2410C"]);
    }

    private static Task Record(List<string> list, string value)
    {
        lock (list)
        {
            list.Add(value);
        }

        return Task.CompletedTask;
    }

    public static BrandView Brand(Guid tenantId, string primary) => new(tenantId, "Acme Corporation", null, null, null, primary,
        "#1D4ED8", "#F59E0B", "#FFF7ED", "#FFFFFF", "Roadrunner", null, false);
}
