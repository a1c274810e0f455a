using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace AgentProvision.E2E.Infrastructure;

/// <summary>
/// The real app, built by the project reference and started as its own process (production environment, a fresh
/// SQLite database in a temp folder, seeded with the demo tenants on start). The tests reach it over HTTP only.
/// </summary>
public sealed class WebAppProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _dataPath;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();

    private WebAppProcess(Process process, string dataPath, int port)
    {
        _process = process;
        _dataPath = dataPath;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The bare base domain: it resolves to the platform tenant.</summary>
    public Uri PlatformUrl => new($"http://localhost:{Port}");

    /// <summary>A tenant's own address: its identifier as a subdomain of the base domain.</summary>
    public Uri TenantUrl(string identifier) => new($"http://{identifier}.localhost:{Port}");

    /// <summary>Everything the app has written to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="environment">Extra settings for this app, as environment variables (for example Domains__DnsServers__0).</param>
    public static async Task<WebAppProcess> StartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var output = WebAppOutput();
        var dll = Path.Combine(output, "AgentProvision.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} does not exist: build AgentProvision.Web (the E2E project builds it first).");
        }

        var port = FreePort();
        var dataPath = Directory.CreateTempSubdirectory("agentprovision-e2e-").FullName;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = output,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_CONTENTROOT"] = output;
        start.Environment["Storage__DataPath"] = dataPath;
        start.Environment["Tenancy__BaseDomains__0"] = "localhost";
        // Browser tests build the teams they need and expect tenants to start without one.
        start.Environment["Seed__DemoTeams"] = "false";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var app = new WebAppProcess(process, dataPath, port);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await app.WaitUntilReadyAsync();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var ready = new Uri($"http://127.0.0.1:{Port}/health/ready");
        var clock = Stopwatch.StartNew();
        string? lastProblem = null;
        while (clock.Elapsed < ReadyTimeout)
        {
            if (_process.HasExited)
            {
                throw Failure($"exited with code {_process.ExitCode} before it was ready");
            }

            try
            {
                using var response = await http.GetAsync(ready);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                lastProblem = $"{ready} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                lastProblem = $"{ready}: {ex.Message}";
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        throw Failure($"was not ready within {ReadyTimeout.TotalSeconds:0} s (last: {lastProblem})");
    }

    private InvalidOperationException Failure(string what)
    {
        // Give the output handlers a moment to drain what the process wrote last.
        if (_process.HasExited)
        {
            _process.WaitForExit(TimeSpan.FromSeconds(2));
        }

        return new InvalidOperationException(
            $"AgentProvision.Web on port {Port} {what}.{Environment.NewLine}--- app output ---{Environment.NewLine}{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            // Never started, or already gone.
        }
        finally
        {
            _process.Dispose();
        }

        SaveOutput();
        await DeleteDataAsync();
    }

    /// <summary>Keeps the app's log next to the test results, for reading after a failed run.</summary>
    private void SaveOutput()
    {
        try
        {
            var logs = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "logs"));
            File.WriteAllText(Path.Combine(logs.FullName, "web-app.log"), Output);
        }
        catch (IOException)
        {
            // A log that cannot be written must not fail the run.
        }
    }

    private async Task DeleteDataAsync()
    {
        for (var attempt = 1; attempt <= 10 && Directory.Exists(_dataPath); attempt++)
        {
            try
            {
                Directory.Delete(_dataPath, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // SQLite may hold its files for a moment after the process is killed; a leftover temp folder
                // must not fail the run.
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
        }
    }

    private static string WebAppOutput()
    {
        var value = typeof(WebAppProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "WebAppOutput")?.Value
            ?? throw new InvalidOperationException("The E2E assembly has no WebAppOutput metadata: see AgentProvision.E2E.csproj.");
        return Path.GetFullPath(value);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
