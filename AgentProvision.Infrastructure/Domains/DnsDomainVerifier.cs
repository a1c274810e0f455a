using System.Net.Sockets;
using AgentProvision.Core.Domains;
using AgentProvision.Core.Tenancy;
using DnsClient;
using DnsClient.Protocol;
using Microsoft.Extensions.Options;

namespace AgentProvision.Infrastructure.Domains;

/// <summary>
/// Looks for the verification token in the TXT record at <c>&lt;prefix&gt;.&lt;domain&gt;</c>, asking the configured DNS
/// servers directly (no cache), and turns what it finds into an outcome with a message the admin can act on.
/// </summary>
internal sealed class DnsDomainVerifier(IOptions<DomainsOptions> options) : IDomainVerifier
{
    public string RecordNameFor(string host) => $"{options.Value.VerificationRecordPrefix}.{host}";

    public async Task<DomainCheck> CheckAsync(string host, string expectedToken, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var name = RecordNameFor(host);
        var client = new LookupClient(Options(settings));
        var seconds = settings.Timeout.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            var response = await client.QueryAsync(name, QueryType.TXT, QueryClass.IN, cancellationToken);
            if (response.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain)
            {
                // The challenge name does not exist; whether the domain itself does decides which advice helps.
                var domain = await client.QueryAsync(host, QueryType.A, QueryClass.IN, cancellationToken);
                return domain.Header.ResponseCode switch
                {
                    DnsHeaderResponseCode.NotExistentDomain => new DomainCheck(DomainCheckOutcome.NxDomain,
                        $"{host} does not exist in DNS (NXDOMAIN). Check the spelling, or wait until the domain is registered and its DNS is published."),
                    DnsHeaderResponseCode.NoError => NoRecord(name),
                    var code => Failed(code.ToString()),
                };
            }

            if (response.Header.ResponseCode != DnsHeaderResponseCode.NoError)
            {
                return Failed(response.Header.ResponseCode.ToString());
            }

            var texts = response.Answers.TxtRecords().Select(r => string.Concat(r.Text)).ToArray();
            if (texts.Length == 0)
            {
                return NoRecord(name);
            }

            if (texts.Any(t => string.Equals(t.Trim(), expectedToken, StringComparison.Ordinal)))
            {
                return new DomainCheck(DomainCheckOutcome.Verified, $"Found the verification token in the TXT record at {name}.");
            }

            var found = string.Join(", ", texts.Select(t => "\"" + Truncate(t) + "\""));
            return new DomainCheck(DomainCheckOutcome.WrongToken,
                $"The TXT record at {name} holds {Truncate(found, 160)}, not this domain's token. Replace its value with {expectedToken}.");
        }
        catch (DnsResponseException e) when (e.Code == DnsResponseCode.ConnectionTimeout || e.InnerException is TimeoutException)
        {
            return TimedOut(seconds);
        }
        catch (DnsResponseException e)
        {
            return Failed(e.Code.ToString() + (string.IsNullOrWhiteSpace(e.DnsError) ? string.Empty : $" ({e.DnsError})"));
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return TimedOut(seconds);
        }
        catch (SocketException e)
        {
            return Failed($"network error {e.SocketErrorCode}");
        }
    }

    private static LookupClientOptions Options(DomainsOptions settings)
    {
        var servers = settings.ServerEndPoints();
        var options = servers.Count == 0 ? new LookupClientOptions() : new LookupClientOptions(servers.ToArray());
        options.UseCache = false;
        options.ThrowDnsErrors = false;
        options.Timeout = settings.Timeout;
        options.Retries = settings.Retries;
        options.ContinueOnDnsError = false;
        return options;
    }

    private static DomainCheck NoRecord(string name) => new(DomainCheckOutcome.NoRecord,
        $"No TXT record at {name} yet. Create it with the value shown; new records can take a few minutes to appear.");

    private static DomainCheck TimedOut(string seconds) => new(DomainCheckOutcome.Timeout,
        $"No answer from the DNS server within {seconds} s. Try again in a moment.");

    private static DomainCheck Failed(string code) => new(DomainCheckOutcome.Failed,
        $"The DNS server answered with an error ({code}). Check the domain's DNS hosting, then try again.");

    private static string Truncate(string value, int max = 40) => value.Length <= max ? value : value[..max] + "…";
}
