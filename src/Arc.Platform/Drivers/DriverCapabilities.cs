namespace Arc.Platform.Drivers;

/// <summary>
/// What a driver can do beyond start, stop, clean, inspect and logs, declared by the driver itself so the
/// lifecycle asks the data and never the driver's type.
/// </summary>
public sealed record DriverCapabilities
{
    public static DriverCapabilities None { get; } = new();

    /// <summary>After a start it lists the service's listening sockets and stops it when one is off loopback (<see cref="IServiceDriver.AuditListenersAsync"/>).</summary>
    public bool AuditsListeners { get; init; }

    /// <summary>
    /// It keeps records of what it started that prove the processes without the configuration: `down` stops
    /// from them when the configuration cannot be read, and stops a profile member whose service.yaml is gone.
    /// Given the repository root, the records; null when the driver keeps none.
    /// </summary>
    public Func<string, IRecordStop>? RecordStop { get; init; }

    /// <summary>
    /// It runs the members of a highly available topology (`up --ha`, <see cref="Registry.HaTopology"/>): given a
    /// member's codename, whether it keeps anything for it (a run record or data), so `down`, `clean`, `status`,
    /// `health` and `logs` act on the members of a topology that ran. Null when the driver runs no topologies.
    /// </summary>
    public Func<string, bool>? KeepsStateFor { get; init; }
}

/// <summary>One recorded service after a stop from its record alone: where it listened, and what was done.</summary>
public sealed record RecordedStop(string Codename, string Endpoint, string Detail);

/// <summary>The services a driver's own records name, and a stop from a record alone.</summary>
public interface IRecordStop
{
    /// <summary>The name of the driver whose records these are (the rows' driver column).</summary>
    string DriverName { get; }

    /// <summary>The codenames a record is kept for, in order.</summary>
    IReadOnlyList<string> Codenames();

    /// <summary>Stops what the record of <paramref name="codename"/> proves; a <see cref="DriverException"/> says what still runs.</summary>
    Task<RecordedStop> StopAsync(string codename, CancellationToken cancellationToken);
}
