using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AgentProvision.Tests.Support;

/// <summary>
/// A real DNS server on the loopback address for tests: Debian's dnsmasq, started unprivileged on a free port and
/// authoritative for one test zone, so a name in the zone that it has no record for answers NXDOMAIN. Records are
/// changed by restarting it on the same port, as an admin's DNS provider publishing a new record would.
/// </summary>
public sealed class TestDnsServer : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/dnsmasq";

    private readonly string _zone;
    private readonly List<string> _records = [];
    private Process? _process;
    private readonly StringBuilder _log = new();

    private TestDnsServer(string zone, int port)
    {
        _zone = zone;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The address to give the app as <c>Domains:DnsServers:0</c>.</summary>
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>Starts dnsmasq answering for <paramref name="zone"/> (for example <c>example.test</c>) with no records yet.</summary>
    public static async Task<TestDnsServer> StartAsync(string zone)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: install Debian's dnsmasq-base (scripts/test.sh does).");
        }

        for (var attempt = 0; ; attempt++)
        {
            var server = new TestDnsServer(zone, FreePort());
            try
            {
                await server.RunAsync();
                return server;
            }
            catch (InvalidOperationException) when (attempt < 4)
            {
                await server.DisposeAsync(); // the port was taken between choosing and binding it: choose another
            }
        }
    }

    /// <summary>A name that exists (an A record on the loopback address) and has no TXT record.</summary>
    public Task AddHostAsync(string name) => ApplyAsync($"--host-record={name},127.0.0.1");

    /// <summary>Publishes a TXT record (and makes its owner name's parent exist, as a real zone would).</summary>
    public Task AddTxtAsync(string name, string value) => ApplyAsync($"--txt-record={name},{value}");

    private async Task ApplyAsync(string record)
    {
        _records.Add(record);
        await StopAsync();
        await RunAsync();
    }

    private async Task RunAsync()
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--no-daemon", "--no-resolv", "--no-hosts", "--no-poll", "--bind-interfaces", "--listen-address=127.0.0.1",
                     $"--port={Port}", "--pid-file=", "--user=", "--cache-size=0", "--log-facility=-", "--log-queries",
                     $"--local=/{_zone}/",
                 }.Concat(_records))
        {
            start.ArgumentList.Add(argument);
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        DataReceivedEventHandler collect = (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (_log)
            {
                _log.AppendLine(e.Data);
            }

            if (e.Data.Contains("started, version", StringComparison.Ordinal))
            {
                started.TrySetResult();
            }
        };
        process.OutputDataReceived += collect;
        process.ErrorDataReceived += collect;
        process.Exited += (_, _) => started.TrySetException(new InvalidOperationException($"dnsmasq exited: {Log}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>What dnsmasq printed, queries included: for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    private async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    // A port free for both UDP and TCP now (dnsmasq binds both).
    private static int FreePort()
    {
        while (true)
        {
            using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
            try
            {
                var tcp = new TcpListener(IPAddress.Loopback, port);
                tcp.Start();
                tcp.Stop();
                return port;
            }
            catch (SocketException)
            {
                // taken for TCP: try another
            }
        }
    }
}

/// <summary>
/// A DNS server that misbehaves on purpose, on a loopback UDP port the test holds: it never answers (a timeout), or it
/// answers every query with SERVFAIL.
/// </summary>
public sealed class MisbehavingDnsServer : IAsyncDisposable
{
    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private MisbehavingDnsServer(bool answerServFail)
    {
        _loop = answerServFail ? Task.Run(ServeFailuresAsync) : Task.CompletedTask;
    }

    public static MisbehavingDnsServer Silent() => new(false);

    public static MisbehavingDnsServer ServFail() => new(true);

    public string Address => $"127.0.0.1:{((IPEndPoint)_socket.Client.LocalEndPoint!).Port}";

    private async Task ServeFailuresAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult query;
            try
            {
                query = await _socket.ReceiveAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            // The query itself with QR set, recursion available and RCODE 2 (SERVFAIL): a valid, failed response.
            var answer = query.Buffer.ToArray();
            answer[2] = (byte)(answer[2] | 0x80);
            answer[3] = (byte)((answer[3] & 0xF0) | 0x80 | 0x02);
            await _socket.SendAsync(answer, query.RemoteEndPoint);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        await _loop;
        _stop.Dispose();
    }
}
