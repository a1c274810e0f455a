using AgentProvision.Core.Llm;
using AgentProvision.Core.Tenancy;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using UsageData = AgentProvision.Core.Llm.UsageDashboard;

namespace AgentProvision.Web.Components.Pages.Llm;

public partial class UsageDashboard
{
    [Inject] private ILlmUsageQueries Usage { get; set; } = default!;
    [Inject] private IUsageNotifier Notifier { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [CascadingParameter] private TenantInfo Tenant { get; set; } = default!;

    private UsageData? _data;
    private int _days = 30;
    private string[] _dayLabels = [];
    private List<ChartSeries<double>> _costSeries = [];
    private List<ChartSeries<double>> _tokenSeries = [];
    private List<ChartSeries<double>> _providerSeries = [];
    private string[] _providerLabels = [];
    private List<ChartSeries<double>> _modelSeries = [];
    private string[] _modelLabels = [];
    private List<ChartSeries<double>> _agentSeries = [];
    private string[] _agentLabels = [];
    private int _refreshing;

    protected override Task OnInitializedAsync() => LoadAsync();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        Notifier.UsageRecorded += OnUsageRecorded;
        // Anything recorded between the first load and the subscription would otherwise be missed until the next call.
        await LoadAsync();
        StateHasChanged();
    }

    private async Task ChangeRangeAsync(int days)
    {
        _days = days;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var end = Clock.GetUtcNow().UtcDateTime.Date.AddDays(1);
        var data = await Usage.DashboardAsync(new DateTimeOffset(end.AddDays(-_days), TimeSpan.Zero), new DateTimeOffset(end, TimeSpan.Zero));
        // Label every few days only, so a 90-day axis stays readable.
        var step = Math.Max(1, data.Days.Count / 10);
        _dayLabels = data.Days.Select((d, i) => i % step == 0 ? d.Day.ToString("MM-dd") : string.Empty).ToArray();
        _costSeries = [new ChartSeries<double> { Name = "Cost", Data = data.Days.Select(d => (double)d.Cost).ToArray() }];
        _tokenSeries =
        [
            new ChartSeries<double> { Name = "Input", Data = data.Days.Select(d => (double)d.InputTokens).ToArray() },
            new ChartSeries<double> { Name = "Output", Data = data.Days.Select(d => (double)d.OutputTokens).ToArray() },
        ];
        _providerLabels = data.ByProvider.Select(p => p.Label).ToArray();
        _providerSeries = [new ChartSeries<double> { Name = "Cost", Data = data.ByProvider.Select(p => Math.Max((double)p.Cost, 1e-9)).ToArray() }];
        _modelLabels = data.ByModel.Select(m => m.Label).ToArray();
        _modelSeries = [new ChartSeries<double> { Name = "Tokens", Data = data.ByModel.Select(m => (double)m.Tokens).ToArray() }];
        _agentLabels = data.ByAgent.Select(a => a.Label.Length > 12 ? a.Label[..12] + "…" : a.Label).ToArray();
        _agentSeries = [new ChartSeries<double> { Name = "Tokens", Data = data.ByAgent.Select(a => (double)a.Tokens).ToArray() }];
        _data = data;
    }

    private void OnUsageRecorded(Guid tenantId)
    {
        // Several calls can land together; one refresh at a time is enough.
        if (tenantId != Tenant.Id || Interlocked.Exchange(ref _refreshing, 1) == 1)
        {
            return;
        }

        _ = InvokeAsync(async () =>
        {
            try
            {
                await LoadAsync();
                StateHasChanged();
            }
            catch (Exception ex)
            {
                await DispatchExceptionAsync(ex);
            }
            finally
            {
                Interlocked.Exchange(ref _refreshing, 0);
            }
        });
    }

    private static string Money(decimal amount) => amount < 0.01m && amount > 0 ? $"${amount:0.######}" : $"${amount:0.00}";

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    public void Dispose() => Notifier.UsageRecorded -= OnUsageRecorded;
}
