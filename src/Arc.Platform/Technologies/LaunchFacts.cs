using Arc.Platform.Compose;

namespace Arc.Platform.Technologies;

/// <summary>
/// How a technology's server runs as a process, as facts any driver can act on: which program and package, which
/// flags carry which port, directory or address, which values are fixed, dropped or generated. A driver turns them
/// into a command line (the native driver's planner, Drivers/Native/NativeLaunchPlanner); no technology builds one.
/// </summary>
/// <param name="Program">The server's program name, as the compose command or the image's entrypoint names it.</param>
/// <param name="Package">The Debian package that installs <paramref name="Program"/>; null when none does (see <see cref="Installation"/>).</param>
public sealed record LaunchFacts(string Program, string? Package)
{
    /// <summary>
    /// The server's arguments when the compose <c>command:</c> is not the server's own vector (a launcher inside a
    /// script) or is not the process's at all; null takes the compose command, its program named or implied.
    /// </summary>
    public Func<ComposeService, IReadOnlyList<string>>? Arguments { get; init; }

    /// <summary>Whether a first argument that is no flag (a config file inside the image) is refused: the settings must be flags.</summary>
    public bool RefusesPositionalConfig { get; init; }

    /// <summary>Edits of the argument vector, applied in this order (a flag not written is appended).</summary>
    public IReadOnlyList<FlagFact> Flags { get; init; } = [];

    /// <summary>A configuration file the server rewrites itself, passed as its first argument.</summary>
    public ServerOwnedFile? ConfigArgument { get; init; }

    /// <summary>Whether the compose <c>environment:</c> reaches the server (else it starts with none).</summary>
    public bool PassesComposeEnvironment { get; init; }

    /// <summary>Variables naming a directory under the data directory (logs kept with the data).</summary>
    public IReadOnlyList<(string Name, string Under)> DataDirectoryVariables { get; init; } = [];

    /// <summary>Metrics exporters that run beside the server when the service names one and it is installed.</summary>
    public IReadOnlyList<ExporterFacts> Exporters { get; init; } = [];

    /// <summary>
    /// For a server not installed as a program on the search path (an unpacked distribution under a home
    /// directory): finds its executable, or says why it cannot run. Null locates <see cref="Program"/>.
    /// </summary>
    public Func<InstalledProgram>? Installation { get; init; }

    /// <summary>Seconds before the first restart of a server that died (see NativeLaunchPlan.FirstRestartDelaySeconds).</summary>
    public int FirstRestartDelaySeconds { get; init; } = 1;
}

/// <summary>Where an installed distribution's executable is, or the remedy when it is not usable.</summary>
public sealed record InstalledProgram(string? Executable, string? Remedy);

/// <summary>What generated content may depend on: where the process keeps its data and listens, who may connect.</summary>
/// <param name="ComposeValue">The value the compose command gave the file's flag (a path inside the container), if any.</param>
public sealed record FileInput(string DataDirectory, string ListenAddress, Secrets.ServiceCredentials? Credentials, string? ComposeValue);

/// <summary>
/// A configuration file the server rewrites (its replication state, what a failover chose): written whole the first
/// time, afterwards only the lines starting with <see cref="OwnedPrefixes"/> are replaced by <see cref="OwnedLines"/>.
/// </summary>
public sealed record ServerOwnedFile(
    string FileName,
    Func<FileInput, string> Initial,
    IReadOnlyList<string> OwnedPrefixes,
    Func<FileInput, IReadOnlyList<string>> OwnedLines);
