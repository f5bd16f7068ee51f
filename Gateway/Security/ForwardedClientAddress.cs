using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Recommend.Gateway.Security;

/// <summary>
/// Behind a reverse proxy every request comes from the proxy's address, so the per-client rate limit
/// would put all clients in one bucket. The proxy's X-Forwarded-For names the real client, but only a
/// configured proxy is believed (<see cref="TrustedProxiesOptions"/>); from anyone else the header is
/// ignored and the connection's own address counts.
/// </summary>
public static class ForwardedClientAddress
{
    public static IServiceCollection AddForwardedClientAddress(this IServiceCollection services)
    {
        services.AddOptions<TrustedProxiesOptions>()
            .BindConfiguration(TrustedProxiesOptions.Section)
            .Validate(options => options.IsValid, $"{TrustedProxiesOptions.Section}: Addresses must be IP addresses and Networks CIDR ranges (10.0.0.0/8).")
            .ValidateOnStart();

        // PostConfigure, so this wins over ASPNETCORE_FORWARDEDHEADERS_ENABLED (which Aspire sets on
        // published projects): that switch empties both lists, and an empty list means "believe anyone".
        services.AddOptions<ForwardedHeadersOptions>().PostConfigure<IOptions<TrustedProxiesOptions>>((forwarded, trusted) =>
        {
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            if (!trusted.Value.Any)
            {
                forwarded.ForwardedHeaders = ForwardedHeaders.None;
                return;
            }

            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the right-most address, the one the trusted proxy appended: anything left of it
            // came from the client and may be made up.
            forwarded.ForwardLimit = 1;
            foreach (var address in trusted.Value.Addresses)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(address));
            }

            foreach (var network in trusted.Value.Networks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }
}
