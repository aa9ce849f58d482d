namespace Arc.Platform;

/// <summary>
/// Unreadable or invalid configuration (exit code 2). Always carries a location so the user can jump
/// straight to the offending spot.
/// </summary>
public sealed class ConfigException(string file, int line, int column, string reason)
    : ArcException($"{file}:{line}:{column}: {reason}")
{
    public override int ExitCode => 2;
    public string File { get; } = file;
    public int Line { get; } = line;
    public int Column { get; } = column;
    public string Reason { get; } = reason;
}
