namespace Arc.Platform.Secrets;

/// <summary>
/// Credentials inside a URL (<c>nats://user:pw@host:port</c>), percent-encoded, and the same URL without
/// them for every message: a URL arc prints anywhere but `arc env` never carries a password.
/// </summary>
public static class SecretUrl
{
    private const string SchemeEnd = "://";

    /// <summary><paramref name="url"/> with <paramref name="credential"/> as its user information; unchanged without one.</summary>
    public static string With(string url, Credential? credential)
    {
        var at = url.IndexOf(SchemeEnd, StringComparison.Ordinal);
        if (credential is null || at < 0)
            return url;
        var start = at + SchemeEnd.Length;
        return $"{url[..start]}{Uri.EscapeDataString(credential.User)}:{Uri.EscapeDataString(credential.Password)}@{url[start..]}";
    }

    /// <summary>The URL without user information, and the credential it carried (decoded), if any.</summary>
    public static (string Url, Credential? Credential) Split(string url)
    {
        var at = url.IndexOf(SchemeEnd, StringComparison.Ordinal);
        if (at < 0)
            return (url, null);
        var start = at + SchemeEnd.Length;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], start);
        var authority = authorityEnd < 0 ? url[start..] : url[start..authorityEnd];
        var userEnd = authority.LastIndexOf('@');
        if (userEnd < 0)
            return (url, null);
        var userInfo = authority[..userEnd];
        var colon = userInfo.IndexOf(':');
        var user = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
        var password = colon < 0 ? "" : Uri.UnescapeDataString(userInfo[(colon + 1)..]);
        return (url[..start] + url[(start + userEnd + 1)..], new Credential(user, password));
    }

    /// <summary>What a message may show of a URL: everything but its user information.</summary>
    public static string Redact(string url) => Split(url).Url;
}
