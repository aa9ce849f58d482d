using Arc.Platform.Drivers;
using Arc.Platform.Drivers.Native;
using Arc.Platform.Registry;

namespace Arc.Platform.Lifecycle;

public enum DriverChoice
{
    Auto,
    Native,
    Docker,
}

/// <summary>
/// The seam for the docker driver: whether an engine answers, and the driver that talks to it.
/// Null where no docker driver is built in; `--driver auto` then always means native.
/// </summary>
public interface IDockerEngine
{
    bool Answers();
    IServiceDriver Driver { get; }
}

/// <summary>Which driver runs a service: `--driver auto|native|docker` (DESIGN.md §4).</summary>
public sealed class DriverSelection(NativeDriver native, IDockerEngine? docker)
{
    private bool? dockerAnswers;

    public NativeDriver Native { get; } = native;

    public static DriverChoice Parse(string text) => text switch
    {
        "auto" => DriverChoice.Auto,
        "native" => DriverChoice.Native,
        "docker" => DriverChoice.Docker,
        _ => throw new UsageException($"--driver {text}: expected auto, native or docker"),
    };

    /// <summary>The driver that starts services: auto is docker where an engine answers, else native.</summary>
    public IServiceDriver ForStart(DriverChoice choice) => choice switch
    {
        DriverChoice.Native => Native,
        DriverChoice.Docker => RequireDocker(),
        _ => DockerAnswers() ? docker!.Driver : Native,
    };

    /// <summary>
    /// The driver that runs a service now (stop, logs, status): under auto, native when arc has a live
    /// process for it, else docker where an engine answers, else native.
    /// </summary>
    public IServiceDriver ForExisting(ServiceDefinition service, DriverChoice choice) => choice switch
    {
        DriverChoice.Native => Native,
        DriverChoice.Docker => RequireDocker(),
        _ => Native.IsRunning(service) || !DockerAnswers() ? Native : docker!.Driver,
    };

    private bool DockerAnswers() => dockerAnswers ??= docker?.Answers() ?? false;

    private IServiceDriver RequireDocker()
    {
        if (docker is null)
            throw new DriverException("--driver docker: this build of arc has no docker driver; use --driver native");
        if (!DockerAnswers())
            throw new DriverException("--driver docker: no Docker engine answers (is dockerd running and DOCKER_HOST right?); use --driver native");
        return docker.Driver;
    }
}
