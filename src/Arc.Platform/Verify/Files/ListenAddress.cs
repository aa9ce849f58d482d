using System.Net;

namespace Arc.Platform.Verify.Files;

/// <summary>The host a listen address names: <c>host</c>, <c>host:port</c>, <c>[v6]:port</c>, <c>scheme://user@host:port</c>.</summary>
public static class ListenAddress
{
    /// <summary>The host part; empty when the address names only a port (<c>:9121</c>), which means every interface.</summary>
    public static string Host(string address)
    {
        var text = address.Trim();
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
            text = text[(scheme + 3)..];
        text = text.Split('/')[0];
        var at = text.LastIndexOf('@');
        if (at >= 0)
            text = text[(at + 1)..];
        if (text.StartsWith('['))
            return text[1..Math.Max(1, text.IndexOf(']'))];
        return text.Count(c => c == ':') == 1 ? text[..text.IndexOf(':')] : text;
    }

    /// <summary>True for 127.0.0.0/8, ::1 and localhost.</summary>
    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);

    /// <summary>Only digits: a port, no host (the host comes from another flag).</summary>
    public static bool IsPortOnly(string value) => value.Length > 0 && value.All(char.IsAsciiDigit);
}
