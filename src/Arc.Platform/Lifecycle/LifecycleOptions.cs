using Arc.Platform.Drivers;

namespace Arc.Platform.Lifecycle;

/// <summary>`arc up`: how long to wait for health, whether to wait at all, and whether a skip fails the run.</summary>
public sealed record UpOptions
{
    /// <summary>The longest `--timeout`: a day, far inside what a timer can wait (about 24.8 days).</summary>
    public const int MaxTimeoutSeconds = 86_400;

    /// <summary>How long `up` waits for a service whose service.yaml sets no <c>timeout:</c>, when --timeout is not given.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    /// <summary>--timeout: how long to wait for every service; null waits for each as long as its <c>timeout:</c> says.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>How long to wait for <paramref name="service"/>: --timeout, else its own <c>timeout:</c>, else <see cref="DefaultTimeout"/>.</summary>
    public TimeSpan TimeoutFor(Registry.ServiceDefinition service) => Timeout ?? service.Timeout ?? DefaultTimeout;

    /// <summary>How long `up` waits for another invocation's lock: --timeout, else the longest wait of the selection.</summary>
    public TimeSpan LockWait(Registry.TargetSelection selection) =>
        Timeout ?? selection.Services.Select(TimeoutFor).DefaultIfEmpty(DefaultTimeout).Max();
    public bool Wait { get; init; } = true;
    public bool Strict { get; init; }
    public DriverChoice Driver { get; init; } = DriverChoice.Auto;

    /// <summary>`--ha`: each selected service with an <c>ha:</c> topology runs as its members (DESIGN.md §8).</summary>
    public bool Ha { get; init; }

    /// <summary>`--insecure`: run without generated credentials, as before DESIGN.md §8 (labelled loudly).</summary>
    public bool Insecure { get; init; }
}

/// <summary>`arc down`: stop, data kept.</summary>
public sealed record DownOptions
{
    public DriverChoice Driver { get; init; } = DriverChoice.Auto;

    /// <summary>
    /// No target was given: besides the default profile, every service a native run record names is
    /// stopped (one started by name outside the profile, a second NATS service say).
    /// </summary>
    public bool EveryRecorded { get; init; }
}

/// <summary>`arc clean`: stop and delete data; with <see cref="RemoveImages"/> (the `-nuke` targets) the images too.</summary>
public sealed record CleanOptions
{
    public DriverChoice Driver { get; init; } = DriverChoice.Auto;
    public bool RemoveImages { get; init; }
}

/// <summary>`arc build`: always the docker driver; <see cref="NoCache"/> ignores the layer cache.</summary>
public sealed record BuildOptions
{
    public bool NoCache { get; init; }
}

/// <summary>`arc health`: one probe per service; <see cref="Deep"/> does real round trips.</summary>
public sealed record HealthOptions
{
    public DriverChoice Driver { get; init; } = DriverChoice.Auto;
    public bool Deep { get; init; }
}

/// <summary>`arc status`: every service of the registry.</summary>
public sealed record StatusOptions
{
    public DriverChoice Driver { get; init; } = DriverChoice.Auto;
}

/// <summary>`arc logs`: with <see cref="Follow"/>, keeps printing until cancelled.</summary>
public sealed record LogOptions
{
    public DriverChoice Driver { get; init; } = DriverChoice.Auto;
    public bool Follow { get; init; }
}
