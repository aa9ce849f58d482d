namespace Arc.Platform.Technologies.Nats;

/// <summary>
/// NATS subject syntax, as the server checks it when a stream is created: dot-separated tokens, none
/// empty; no whitespace or control character; the wildcards <c>*</c> (one token) and <c>&gt;</c> (the rest)
/// only as whole tokens, <c>&gt;</c> only last; and none of the server's own API prefixes (<c>$JS.</c>,
/// <c>$SYS.</c>), which a stream may not capture. Checked where a subject is declared, so a bad one is a
/// file:line error instead of a refusal at `up`.
/// </summary>
public static class NatsSubject
{
    private static readonly string[] ReservedPrefixes = ["$JS.", "$SYS."];

    /// <summary>Why <paramref name="subject"/> is not a valid subject, or null when it is.</summary>
    public static string? Problem(string subject)
    {
        if (subject.Length == 0)
            return "a subject may not be empty";
        foreach (var c in subject)
            if (char.IsWhiteSpace(c) || char.IsControl(c))
                return $"subject '{Shown(subject)}' holds {(c == '\t' ? "a tab" : char.IsControl(c) ? "a control character" : "whitespace")}; a NATS subject has none";
        foreach (var prefix in ReservedPrefixes)
            if (subject.StartsWith(prefix, StringComparison.Ordinal) || subject == prefix[..^1])
                return $"subject '{subject}' is under {prefix[..^1]}, the server's own API; a stream may not capture it";
        var tokens = subject.Split('.');
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (token.Length == 0)
                return $"subject '{subject}' has an empty token (a leading, trailing or doubled '.')";
            if (token != "*" && token != ">" && (token.Contains('*') || token.Contains('>')))
                return $"subject '{subject}': the wildcards '*' and '>' must be whole tokens, not part of '{token}'";
            if (token == ">" && i != tokens.Length - 1)
                return $"subject '{subject}': '>' matches the rest of a subject, so it must be the last token";
        }
        return null;
    }

    // A tab or newline printed raw would break the one-line error.
    private static string Shown(string subject) =>
        subject.Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
}
