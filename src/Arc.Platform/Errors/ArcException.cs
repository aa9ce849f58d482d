namespace Arc.Platform;

/// <summary>
/// Every failure arc expects and explains in one line: the message is what the user reads, the exit
/// code what a script sees (DESIGN.md §4). The CLI catches this type once; anything else is a bug.
/// </summary>
public abstract class ArcException(string message) : Exception(message)
{
    public abstract int ExitCode { get; }
}
