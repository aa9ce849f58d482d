namespace Arc.Platform.Yaml;

/// <summary>
/// Unreadable or invalid configuration. Always carries a location so the user can jump
/// straight to the offending spot; the CLI maps it to exit code 2.
/// </summary>
public sealed class ConfigException(string file, int line, int column, string reason)
    : Exception($"{file}:{line}:{column}: {reason}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public int Column { get; } = column;
    public string Reason { get; } = reason;
}
