namespace Arc.Platform.Lifecycle;

/// <summary>`arc up`: how long to wait for health, whether to wait at all, and whether a skip fails the run.</summary>
public sealed record UpOptions
{
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);
    public bool Wait { get; init; } = true;
    public bool Strict { get; init; }
    public DriverChoice Driver { get; init; } = DriverChoice.Auto;

    /// <summary>`--insecure`: run without generated credentials, as before DESIGN.md §8 (labelled loudly).</summary>
    public bool Insecure { get; init; }
}

/// <summary>`arc down`: stop, data kept.</summary>
public sealed record DownOptions
{
    public DriverChoice Driver { get; init; } = DriverChoice.Auto;
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
