namespace Arc.Cli;

/// <summary>DESIGN.md §4: 0 success, 1 unhealthy/failed/violation, 2 usage or configuration error.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int Interrupted = 130;
}
