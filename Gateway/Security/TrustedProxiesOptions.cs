using System.Net;

namespace Recommend.Gateway.Security;

/// <summary>
/// The reverse proxies (ingress, load balancer) whose X-Forwarded-For the gateway believes
/// (Recommend:TrustedProxies): single addresses ("10.0.0.4") and networks in CIDR form
/// ("10.244.0.0/16"). None by default: any client can write an X-Forwarded-For header, so
/// believing it from anyone would let a client choose its own rate-limit bucket.
/// </summary>
public sealed class TrustedProxiesOptions
{
    public const string Section = "Recommend:TrustedProxies";

    public List<string> Addresses { get; set; } = [];

    public List<string> Networks { get; set; } = [];

    public bool Any => Addresses.Count > 0 || Networks.Count > 0;

    public bool IsValid => Addresses.All(a => IPAddress.TryParse(a, out _)) && Networks.All(n => IPNetwork.TryParse(n, out _));
}
