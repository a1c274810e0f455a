using System.Net;
using System.Net.Sockets;

namespace AgentProvision.Core.Llm;

/// <summary>
/// Which addresses a tenant may send model calls to through a base URL override. Link-local addresses (cloud
/// metadata services such as 169.254.169.254) are always refused; loopback and private networks only when the
/// platform allows them (the embedded default does, so a local Ollama works; a shared deployment should not).
/// Host names are judged as written; names that resolve to private addresses are the network's job to block.
/// </summary>
public static class BaseUrlGuard
{
    public static string? Refusal(Uri url, bool allowPrivateNetworks)
    {
        var host = url.IdnHost.Trim('[', ']');
        if (host.Equals("metadata.google.internal", StringComparison.OrdinalIgnoreCase))
        {
            return "Cloud metadata addresses cannot be used as a base URL.";
        }

        if (!IPAddress.TryParse(host, out var address))
        {
            return !allowPrivateNetworks && host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
                ? "This platform does not allow base URLs on its own machine or private networks."
                : null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IsLinkLocal(address))
        {
            return "Link-local addresses (such as cloud metadata services) cannot be used as a base URL.";
        }

        return !allowPrivateNetworks && (IPAddress.IsLoopback(address) || IsPrivate(address))
            ? "This platform does not allow base URLs on its own machine or private networks."
            : null;
    }

    private static bool IsLinkLocal(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork
        ? address.GetAddressBytes() is [169, 254, ..]
        : address.IsIPv6LinkLocal;

    private static bool IsPrivate(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6UniqueLocal || address.IsIPv6SiteLocal;
        }

        var b = address.GetAddressBytes();
        return b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 100 && b[1] is >= 64 and <= 127);
    }
}
