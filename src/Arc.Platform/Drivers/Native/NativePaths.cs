namespace Arc.Platform.Drivers.Native;

/// <summary>Where the native driver keeps its state under <c>&lt;root&gt;/.arc/</c> (DESIGN.md §5).</summary>
public sealed class NativePaths(string root)
{
    /// <summary>A run record is <c>run/&lt;codename&gt;.json</c>.</summary>
    public const string RecordSuffix = ".json";

    public string StateDirectory { get; } = Path.Combine(Path.GetFullPath(root), ".arc");

    public string DataRoot => Path.Combine(StateDirectory, "data");
    public string RunDirectory => Path.Combine(StateDirectory, "run");
    public string LogDirectory => Path.Combine(StateDirectory, "logs");

    public string DataDirectory(string codename) => Path.Combine(DataRoot, codename);
    public string RecordFile(string codename) => Path.Combine(RunDirectory, codename + RecordSuffix);
    public string LogFile(string codename) => Path.Combine(LogDirectory, codename + ".log");
    public string SidecarLogFile(string codename, string sidecar) => Path.Combine(LogDirectory, $"{codename}-{sidecar}.log");

    /// <summary>The log and restart count of the supervisor of a process named <paramref name="process"/> (the codename or codename-sidecar).</summary>
    internal SupervisedFiles Supervised(string process) =>
        new(Path.Combine(LogDirectory, process + ".log"), Path.Combine(LogDirectory, process + ".restarts"));
}
