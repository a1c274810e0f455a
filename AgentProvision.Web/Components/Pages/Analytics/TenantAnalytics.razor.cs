using System.Globalization;
using AgentProvision.Core.Analytics;
using AgentProvision.Core.Identity;
using AgentProvision.Core.Tenancy;
using AgentProvision.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AgentProvision.Web.Components.Pages.Analytics;

public partial class TenantAnalytics
{
    [Inject] private ITenantAnalytics Analytics { get; set; } = default!;
    [Inject] private IAnalyticsRollup Rollup { get; set; } = default!;
    [Inject] private ICurrentUser User { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [CascadingParameter] private TenantInfo Tenant { get; set; } = default!;

    /// <summary>The period in the address (<c>?period=weekly</c>), so a refresh shows the same view.</summary>
    [SupplyParameterFromQuery(Name = "period")] public string? PeriodQuery { get; set; }

    private AnalyticsPeriod _period = AnalyticsPeriod.Daily;
    private AnalyticsReport? _report;
    private bool _loaded;
    private bool _isAdmin;
    private bool _recomputing;
    private string? _recomputed;
    private string? _error;
    private string[] _labels = [];
    private List<ChartSeries<double>> _activitySeries = [];
    private List<ChartSeries<double>> _tokenSeries = [];
    private List<ChartSeries<double>> _costSeries = [];

    protected override void OnInitialized() => _isAdmin = User.IsAdministrator();

    protected override async Task OnParametersSetAsync()
    {
        var requested = AnalyticsPeriods.TryParse(PeriodQuery, out var parsed) ? parsed : AnalyticsPeriod.Daily;
        if (_loaded && requested == _period)
        {
            return;
        }

        _period = requested;
        _loaded = true;
        await LoadAsync();
    }

    private async Task ChangePeriodAsync(AnalyticsPeriod period)
    {
        _period = period;
        _report = null;
        await LoadAsync();
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("period", period.ToString().ToLowerInvariant()), replace: true);
    }

    private async Task RecomputeAsync()
    {
        _recomputing = true;
        _error = null;
        try
        {
            var rows = await Rollup.RecomputeAsync(backfill: true);
            _recomputed = $"Recomputed {rows:N0} periods at {Display.When(Clock.GetUtcNow())}.";
            await LoadAsync();
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            _error = $"The figures could not be recomputed: {error.Message}";
        }
        finally
        {
            _recomputing = false;
        }
    }

    private async Task LoadAsync()
    {
        var (from, to) = AnalyticsPeriods.DefaultRange(_period, Clock.GetUtcNow());
        var report = await Analytics.ReportAsync(_period, from, to);
        var step = Math.Max(1, report.Points.Count / 12);
        _labels = report.Points.Select((p, i) => i % step == 0 ? Label(p.PeriodStart) : string.Empty).ToArray();
        _activitySeries =
        [
            new ChartSeries<double> { Name = "Messages", Data = report.Points.Select(p => (double)p.Messages).ToArray() },
            new ChartSeries<double> { Name = "Tasks", Data = report.Points.Select(p => (double)p.Tasks).ToArray() },
        ];
        _tokenSeries = [new ChartSeries<double> { Name = "Tokens", Data = report.Points.Select(p => (double)p.Tokens).ToArray() }];
        _costSeries = [new ChartSeries<double> { Name = "Cost", Data = report.Points.Select(p => (double)p.Cost).ToArray() }];
        _report = report;
    }

    private string Label(DateTimeOffset start) => start.UtcDateTime.ToString(_period switch
    {
        AnalyticsPeriod.Hourly => "dd HH:00",
        AnalyticsPeriod.Monthly => "yyyy-MM",
        _ => "MM-dd",
    }, CultureInfo.InvariantCulture);
}
