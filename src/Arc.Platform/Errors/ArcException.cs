namespace Arc.Platform;

/// <summary>
/// Every failure arc expects and explains in one line: the message is what the user reads, the exit
/// code what a script sees (DESIGN.md §4). The CLI catches this type once; anything else is a bug.
/// </summary>
public abstract class ArcException(string message) : Exception(message)
{
    public abstract int ExitCode { get; }

    /// <summary>What the user can do about it in arc's own terms, when there is such a step; the caller words it.</summary>
    public Remedy? Remedy { get; init; }
}
