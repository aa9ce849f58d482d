namespace Arc.Platform.Technologies;

/// <summary>One edit of a server's argument vector, by the flag's aliases (<c>--flag value</c> or <c>--flag=value</c>).</summary>
public abstract record FlagFact(IReadOnlyList<string> Aliases);

/// <summary>The flag carries the service.yaml port named <paramref name="PortName"/> (the container's port in compose).</summary>
public sealed record PortFlag(string PortName, IReadOnlyList<string> Aliases) : FlagFact(Aliases);

/// <summary>The flag names the data directory, or <paramref name="Under"/> inside it.</summary>
public sealed record DataDirectoryFlag(IReadOnlyList<string> Aliases, string? Under = null) : FlagFact(Aliases);

/// <summary>The flag names the address the server listens on (or advertises).</summary>
public sealed record ListenAddressFlag(IReadOnlyList<string> Aliases) : FlagFact(Aliases);

/// <summary>The flag always takes <paramref name="Value"/> outside a container.</summary>
public sealed record FixedFlag(string Value, IReadOnlyList<string> Aliases) : FlagFact(Aliases);

/// <summary>The flag names something only a container has (a compose secret): dropped with its value.</summary>
public sealed record DroppedFlag(IReadOnlyList<string> Aliases) : FlagFact(Aliases);

/// <summary>
/// The flag names a generated file in the data directory: <paramref name="FileName"/>, or with
/// <paramref name="NamedByCompose"/> the name of the file the compose command passes. Content null: no file, the
/// flag is left as it is.
/// </summary>
public sealed record FileFlag(string FileName, Func<FileInput, string?> Content, IReadOnlyList<string> Aliases, bool NamedByCompose = false)
    : FlagFact(Aliases);

/// <summary>
/// A metrics exporter beside the server (service.yaml's <c>metrics.exporter</c>), run with its compose service's
/// command and environment, reading the server's <see cref="TargetPort"/> and listening on the metrics port.
/// </summary>
public sealed record ExporterFacts(string Program)
{
    /// <summary>The service.yaml port name the exporter reads, and the scheme of its address.</summary>
    public required string TargetPort { get; init; }

    public required string TargetScheme { get; init; }

    /// <summary>Whether the server's address is the exporter's positional argument (written last; compose's URL dropped).</summary>
    public bool TargetIsLastArgument { get; init; }

    /// <summary>Flag aliases set, where the compose command writes them, to the server's address.</summary>
    public IReadOnlyList<string> TargetFlag { get; init; } = [];

    public string? TargetVariable { get; init; }

    /// <summary>Flag aliases always set to the metrics port, and to the listen host.</summary>
    public IReadOnlyList<string> PortFlag { get; init; } = [];

    public IReadOnlyList<string> HostFlag { get; init; } = [];

    /// <summary>Flag aliases set, where the compose command writes them, to host:port of the metrics listener.</summary>
    public IReadOnlyList<string> ListenAddressFlag { get; init; } = [];

    public string? ListenAddressVariable { get; init; }

    public bool PassesComposeEnvironment { get; init; }

    /// <summary>Variables that name a container's compose secret: removed.</summary>
    public IReadOnlyList<string> ContainerOnlyVariables { get; init; } = [];

    public ExporterCredentialFacts? Credentials { get; init; }
}

/// <summary>
/// How the exporter authenticates as the service's read-only user (its second): the user in a variable, the
/// password in a generated file another variable names, never in the environment.
/// </summary>
public sealed record ExporterCredentialFacts(
    string FileName,
    string UserVariable,
    string PasswordFileVariable,
    string PasswordVariable,
    Func<string, Secrets.Credential, string> PasswordFile);
