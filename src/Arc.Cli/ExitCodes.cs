namespace Arc.Cli;

/// <summary>DESIGN.md §4: 0 success, 1 unhealthy/failed/violation, 2 usage or configuration error, 70 internal error.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    /// <summary>sysexits.h's EX_SOFTWARE: a bug in arc, reported in one line, never as a stack trace.</summary>
    public const int Internal = 70;
    public const int Interrupted = 130;
}
