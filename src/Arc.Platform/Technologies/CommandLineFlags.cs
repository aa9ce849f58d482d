namespace Arc.Platform.Technologies;

/// <summary>
/// A server argument vector taken from a compose <c>command:</c>, edited flag by flag so that
/// everything the compose file says survives unchanged into the native command line, and only
/// the host-specific values (ports, directories, bind address) are replaced.
/// </summary>
public sealed class CommandLineFlags
{
    private readonly List<string> _arguments;

    public CommandLineFlags(IEnumerable<string> arguments) => _arguments = [.. arguments];

    public IReadOnlyList<string> Arguments => _arguments;

    /// <summary>The value written after any of <paramref name="aliases"/> (<c>--flag value</c> or <c>--flag=value</c>).</summary>
    public string? Value(params string[] aliases)
    {
        var at = IndexOf(aliases);
        if (at < 0)
            return null;
        var argument = _arguments[at];
        var eq = argument.IndexOf('=');
        if (eq > 0)
            return argument[(eq + 1)..];
        return at + 1 < _arguments.Count ? _arguments[at + 1] : null;
    }

    public bool Has(params string[] aliases) => IndexOf(aliases) >= 0;

    /// <summary>Replaces the value of the flag where it is written, or appends <c>aliases[0] value</c>.</summary>
    public void Set(string value, params string[] aliases)
    {
        var at = IndexOf(aliases);
        if (at < 0)
        {
            _arguments.Add(aliases[0]);
            _arguments.Add(value);
            return;
        }
        var argument = _arguments[at];
        var eq = argument.IndexOf('=');
        if (eq > 0)
            _arguments[at] = argument[..(eq + 1)] + value;
        else if (at + 1 < _arguments.Count)
            _arguments[at + 1] = value;
        else
            _arguments.Add(value);
    }

    /// <summary>Drops the flag and its value wherever written (<c>--flag value</c> or <c>--flag=value</c>).</summary>
    public void Remove(params string[] aliases)
    {
        for (var at = IndexOf(aliases); at >= 0; at = IndexOf(aliases))
        {
            var pair = _arguments[at].Contains('=', StringComparison.Ordinal) || at + 1 >= _arguments.Count ? 1 : 2;
            _arguments.RemoveRange(at, pair);
        }
    }

    /// <summary>Flag/value pairs of a <c>--flag value</c> vector; a bare flag maps to "".</summary>
    public static IReadOnlyDictionary<string, string> Pairs(IReadOnlyList<string> arguments)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (!argument.StartsWith('-'))
                continue;
            var eq = argument.IndexOf('=');
            if (eq > 0)
                pairs[argument[..eq]] = argument[(eq + 1)..];
            else if (i + 1 < arguments.Count && IsValue(arguments[i + 1]))
                pairs[argument] = arguments[++i];
            else
                pairs[argument] = "";
        }
        return pairs;
    }

    private static bool IsValue(string argument) =>
        !argument.StartsWith('-') || (argument.Length > 1 && char.IsAsciiDigit(argument[1]));

    private int IndexOf(string[] aliases)
    {
        for (var i = 0; i < _arguments.Count; i++)
        {
            var argument = _arguments[i];
            var eq = argument.IndexOf('=');
            var flag = eq > 0 && argument.StartsWith('-') ? argument[..eq] : argument;
            if (aliases.Contains(flag, StringComparer.Ordinal))
                return i;
        }
        return -1;
    }
}
