using AgentProvision.Core.Identity;
using AgentProvision.Core.Llm;
using AgentProvision.Core.Orchestration;
using AgentProvision.Bench.Orchestration;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Bench.Analytics;

/// <summary>What one tenant's seeded records add up to per UTC day: the truth the rollup and the detector are checked against.</summary>
internal sealed class SeededDay
{
    public int Calls;
    public int Tasks;
    public int Messages;
    public long Tokens;
    public long CostMicros;
}

/// <summary>
/// Writes one tenant's raw records as the app would (the entities' own constructors and verbs, the tenant's own config,
/// catalog models and team agents) over the last <see cref="Days"/> days: a business-hours rhythm over the UTC day,
/// quieter weekends, ±10% day-to-day noise and a few spike days at 3–4× volume. A task makes 4 metered model calls and 2
/// agent messages; as many direct chat calls (no agent) again as tasks, so calls are 5× tasks and messages 2× tasks.
/// Rows go in with EF Core in batches of about 5,000, change detection off.
/// </summary>
internal sealed class UsageSeeder(BenchHost host, string tenant, int seed)
{
    public const int Days = 90;
    private const int Batch = 5_000;
    private static readonly double[] HourWeights = Enumerable.Range(0, 24)
        .Select(h => 0.15 + Math.Exp(-Math.Pow(h - 14, 2) / (2 * 3.5 * 3.5))).ToArray();

    private readonly Random _random = new(seed);

    public Dictionary<DateOnly, SeededDay> Truth { get; } = [];

    /// <summary>Seeds about <paramref name="calls"/> model calls with spikes <paramref name="spikeDaysAgo"/> days before today.</summary>
    public async Task SeedAsync(int calls, IReadOnlyList<int> spikeDaysAgo, DateTimeOffset now)
    {
        var team = await BenchTeam.CreateAsync(host, tenant, "Support desk", "Lena", "Max", "Noor", "Olu");
        await using var scope = await host.ScopeAsync(tenant, Roles.TenantAdmin);
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        Guid tenantId;
        Guid? configId;
        List<Guid> agents;
        List<(Guid Id, string Provider, string Name, decimal In, decimal Out, double Weight)> models;
        await using (var db = await factory.CreateDbContextAsync())
        {
            agents = await db.Agents.AsNoTracking().Where(a => a.GroupId == team.Id).OrderBy(a => a.Name).Select(a => a.Id).ToListAsync();
            tenantId = await db.Agents.AsNoTracking().Where(a => a.GroupId == team.Id).Select(a => a.TenantId).FirstAsync();
            configId = await db.LlmConfigs.AsNoTracking().Where(c => c.IsTenantDefault).Select(c => (Guid?)c.Id).FirstOrDefaultAsync();
            var wanted = new (string Provider, string Model, double Weight)[]
            {
                ("openai", "gpt-4o-mini", 0.5), ("openai", "gpt-4o", 0.2), ("anthropic", "claude-3-5-sonnet-20241022", 0.2), ("anthropic", "claude-3-5-haiku-20241022", 0.1),
            };
            var catalog = await db.LlmModels.AsNoTracking().Include(m => m.Provider)
                .Where(m => m.InputCostPer1k != null && m.OutputCostPer1k != null && m.EmbeddingDimensions == null).ToListAsync();
            models = wanted.Select(w => catalog.FirstOrDefault(m => m.Provider!.Name == w.Provider && m.ModelId == w.Model) is { } m
                    ? (m.Id, m.Provider!.Name, m.ModelId, m.InputCostPer1k!.Value, m.OutputCostPer1k!.Value, w.Weight)
                    : default)
                .Where(m => m.Id != Guid.Empty).ToList();
            if (models.Count < 2)
            {
                models = catalog.Take(4).Select((m, i) => (m.Id, m.Provider!.Name, m.ModelId, m.InputCostPer1k!.Value, m.OutputCostPer1k!.Value, 1.0 / (i + 1)))
                    .ToList();
            }
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var dayWeights = new Dictionary<DateOnly, double>();
        for (var back = Days - 1; back >= 0; back--)
        {
            var day = today.AddDays(-back);
            var noise = Math.Clamp(1 + 0.1 * Gaussian(), 0.75, 1.25);
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.75 : 1.0;
            var spike = spikeDaysAgo.Contains(back) ? 3 + _random.NextDouble() : 1.0;
            // Today only up to the current hour.
            var elapsed = back == 0 ? HourWeights.Take(now.UtcDateTime.Hour).Sum() / HourWeights.Sum() : 1.0;
            dayWeights[day] = noise * weekend * spike * elapsed;
        }

        var totalWeight = dayWeights.Values.Sum();
        var tasksTotal = calls / 5;
        var buffers = new Buffers(factory);
        var lead = agents[0];
        var taskNumber = 0;
        foreach (var (day, weight) in dayWeights)
        {
            var lastHour = day == today ? now.UtcDateTime.Hour : 24;
            if (lastHour == 0)
            {
                continue;
            }

            var tasks = (int)Math.Round(tasksTotal * weight / totalWeight);
            var truth = Truth.TryGetValue(day, out var known) ? known : Truth[day] = new SeededDay();
            for (var i = 0; i < tasks; i++)
            {
                var created = At(day, lastHour);
                var assigned = agents[_random.Next(agents.Count)];
                var task = new AgentTask(tenantId, team.Id, assigned, $"Answer customer question #{++taskNumber}", TaskTypes.Research, TaskPriority.Normal,
                    created);
                var duration = TimeSpan.FromSeconds(20 + _random.Next(15 * 60));
                var finished = created + duration;
                task.StartThinking(created.AddSeconds(1));
                for (var turn = 0; turn < 4; turn++)
                {
                    var at = created + duration * (turn + 1) / 5;
                    if (at < now)
                    {
                        var call = Call(tenantId, at, new LlmCallContext("agent-turn", configId, assigned, task.Id, TaskTypes.Research), configId, models);
                        task.AddUsageMicros(call.InputTokens + call.OutputTokens, call.CostMicros, at);
                        buffers.Calls.Add(call);
                        Count(truth, day, call);
                    }
                }

                if (finished < now)
                {
                    if (_random.NextDouble() < 0.08)
                    {
                        task.Fail("The model did not answer in time.", finished);
                    }
                    else
                    {
                        task.Complete("{\"output\":\"ok\"}", 0.9, finished);
                    }
                }

                buffers.Tasks.Add(task);
                truth.Tasks++;
                var from = assigned == lead ? (Guid?)null : lead;
                buffers.Messages.Add(new AgentMessage(tenantId, team.Id, task.Id, from, assigned, MessageType.Request,
                    "{\"text\":\"Please answer the customer.\"}", created));
                truth.Messages++;
                if (finished < now)
                {
                    buffers.Messages.Add(new AgentMessage(tenantId, team.Id, task.Id, assigned, from, MessageType.Response,
                        "{\"text\":\"Answered.\"}", finished));
                    Bump(finished, t => t.Messages++);
                }
                else
                {
                    // Still running: its reply comes later, as in the app; another update keeps messages at 2× tasks.
                    buffers.Messages.Add(new AgentMessage(tenantId, team.Id, task.Id, assigned, from, MessageType.Update,
                        "{\"text\":\"Working on it.\"}", created.AddSeconds(2)));
                    truth.Messages++;
                }
            }

            // Direct chat calls: no agent, no task.
            for (var i = 0; i < tasks; i++)
            {
                var call = Call(tenantId, At(day, lastHour), new LlmCallContext("chat", configId), configId, models);
                buffers.Calls.Add(call);
                Count(truth, day, call);
            }

            await buffers.FlushIfFullAsync();
        }

        await buffers.FlushAsync();
    }

    private void Bump(DateTimeOffset at, Action<SeededDay> change)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        if (!Truth.TryGetValue(day, out var truth))
        {
            Truth[day] = truth = new SeededDay();
        }

        change(truth);
    }

    private void Count(SeededDay created, DateOnly createdDay, LlmUsage call)
    {
        var day = DateOnly.FromDateTime(call.At.UtcDateTime);
        var truth = day == createdDay ? created : Truth.TryGetValue(day, out var other) ? other : Truth[day] = new SeededDay();
        truth.Calls++;
        truth.Tokens += call.InputTokens + call.OutputTokens;
        truth.CostMicros += call.CostMicros;
    }

    private LlmUsage Call(Guid tenantId, DateTimeOffset at, LlmCallContext context, Guid? configId,
        List<(Guid Id, string Provider, string Name, decimal In, decimal Out, double Weight)> models)
    {
        var pick = _random.NextDouble() * models.Sum(m => m.Weight);
        var model = models[^1];
        foreach (var candidate in models)
        {
            if ((pick -= candidate.Weight) <= 0)
            {
                model = candidate;
                break;
            }
        }

        var call = new LlmUsage(tenantId, at, context, configId, model.Id, model.Provider, model.Name, 1);
        var latency = TimeSpan.FromMilliseconds(300 + _random.Next(4000));
        if (_random.NextDouble() < 0.03)
        {
            call.Fail(_random.Next(2) == 0 ? LlmCallOutcome.Timeout : LlmCallOutcome.RateLimited, "The provider did not answer.", latency, null);
            return call;
        }

        long input = 400 + _random.Next(5600);
        long output = 50 + _random.Next(1150);
        var cost = input / 1000m * model.In + output / 1000m * model.Out;
        call.Succeed(input, output, cost, cost, latency, null);
        return call;
    }

    private DateTimeOffset At(DateOnly day, int lastHour)
    {
        var total = HourWeights.Take(lastHour).Sum();
        var pick = _random.NextDouble() * total;
        var hour = 0;
        while (hour < lastHour - 1 && (pick -= HourWeights[hour]) > 0)
        {
            hour++;
        }

        return new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero).AddSeconds(_random.Next(3600));
    }

    private double Gaussian() =>
        Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

    /// <summary>Tasks first, then their messages and calls, so every foreign key is there when a row arrives.</summary>
    private sealed class Buffers(IDbContextFactory<AppDbContext> factory)
    {
        public List<AgentTask> Tasks { get; } = [];
        public List<AgentMessage> Messages { get; } = [];
        public List<LlmUsage> Calls { get; } = [];

        public async Task FlushIfFullAsync()
        {
            if (Tasks.Count + Messages.Count + Calls.Count >= Batch)
            {
                await FlushAsync();
            }
        }

        public async Task FlushAsync()
        {
            await SaveAsync(Tasks);
            await SaveAsync(Messages);
            await SaveAsync(Calls);
        }

        private async Task SaveAsync<T>(List<T> rows) where T : class
        {
            foreach (var chunk in rows.Chunk(Batch))
            {
                await using var db = await factory.CreateDbContextAsync();
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                db.AddRange(chunk);
                await db.SaveChangesAsync();
            }

            rows.Clear();
        }
    }
}
