using Arc.Platform.Registry;

namespace Arc.Platform.Drivers.Native;

/// <summary>
/// `down` when the configuration cannot be read: the servers this checkout's run records name, stopped
/// from the records alone. A record proves its processes by pid, start time and executable, exactly as
/// when the configuration reads; an unreadable record leaves what <see cref="ProvenServers"/> can prove
/// without ports or executables (the supervisors), and a failure names what still runs.
/// </summary>
public sealed class RecordedServers : IRecordStop
{
    private readonly NativePaths _paths;
    private readonly RunRecordStore _records;
    private readonly TimeSpan _grace;
    private readonly INativeHost _host;

    public string DriverName => "native";

    public RecordedServers(string root, NativeDriverOptions? options = null)
    {
        _paths = new NativePaths(root);
        _records = new RunRecordStore(_paths);
        options ??= new NativeDriverOptions();
        _grace = options.StopGrace;
        _host = options.Host;
    }

    /// <summary>The codenames <c>.arc/run</c> holds a record for, in order; a linked or foreign state directory is a <see cref="DriverException"/>.</summary>
    public IReadOnlyList<string> Codenames()
    {
        StateTree.CheckDirectory(_paths.StateDirectory, ownedByServerUser: false);
        StateTree.CheckDirectory(_paths.RunDirectory, ownedByServerUser: false);
        if (!Directory.Exists(_paths.RunDirectory))
            return [];
        return [.. Directory.GetFiles(_paths.RunDirectory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => name.EndsWith(NativePaths.RecordSuffix, StringComparison.Ordinal) && name.Length > NativePaths.RecordSuffix.Length)
            .Select(name => name[..^NativePaths.RecordSuffix.Length])
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Stops what the record of <paramref name="codename"/> proves; a <see cref="DriverException"/> says what still runs.</summary>
    public async Task<RecordedStop> StopAsync(string codename, CancellationToken cancellationToken)
    {
        var read = _records.Load(codename);
        if (read.Problem is { } problem)
        {
            await new ProvenServers(_paths, _grace, _host).StopWithoutRegistryAsync(codename, problem, cancellationToken);
            _records.Delete(codename);
            return new RecordedStop(codename, "-", "stopped what arc could prove without its run record; data kept");
        }
        if (read.Record is not { } record)
            return new RecordedStop(codename, "-", "not running");
        var wasRunning = _host.IsSameProcess(record.Server);
        await new ProcessStopper(_host, _grace).StopAllAsync(record, cancellationToken);
        _records.Delete(codename);
        var endpoint = record.Ports.Count > 0 ? ServiceEndpoint.Loopback(record.Ports.Values.First()).ToString() : "-";
        return new RecordedStop(codename, endpoint, wasRunning ? "stopped; data kept" : "not running (its stale run record was removed)");
    }
}
