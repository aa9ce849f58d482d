namespace Arc.Platform;

/// <summary>A driver or server cannot do what was asked: a port held by a foreign process, an engine error (exit code 1).</summary>
public sealed class DriverException(string message) : ArcException(message)
{
    public override int ExitCode => 1;
}
