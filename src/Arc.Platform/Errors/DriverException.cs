using Arc.Platform.Drivers;
using Arc.Platform.Lifecycle;

namespace Arc.Platform;

/// <summary>A driver or server cannot do what was asked: a port held by a foreign process, an engine error (exit code 1).</summary>
public sealed class DriverException(string message) : ArcException(message)
{
    public override int ExitCode => 1;

    /// <summary>Set when the driver asked for cannot run here at all: which one, and which would. The caller words the remedy.</summary>
    public DriverAlternative? Unavailable { get; init; }
}

/// <summary>The driver that was asked for and cannot serve, and the one to use instead.</summary>
public sealed record DriverAlternative(DriverChoice Requested, DriverChoice Instead);
