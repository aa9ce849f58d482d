using Arc.Platform.Registry;

namespace Arc.Platform.Drivers;

/// <summary>
/// `--driver`: auto, or a driver by the name it declares (<see cref="IServiceDriver.Name"/>). A name, not an
/// enumeration of today's drivers, so an operation can say "the driver that runs this" for any driver.
/// </summary>
public readonly record struct DriverChoice(string Name)
{
    public static readonly DriverChoice Auto = new("auto");
    public static readonly DriverChoice Native = new("native");
    public static readonly DriverChoice Docker = new("docker");

    /// <summary>Exactly the driver <paramref name="driver"/>, by its declared name.</summary>
    public static DriverChoice Of(IServiceDriver driver) => new(driver.Name);

    public override string ToString() => Name;
}

/// <summary>
/// The docker driver as the lifecycle sees it: whether an engine answers, and the driver that talks to it.
/// Null where no docker driver is wired in; `--driver auto` then always means native.
/// </summary>
public interface IDockerEngine
{
    /// <summary>Whether an engine answers here; cancellable, since a hung engine can take seconds to say nothing.</summary>
    Task<bool> AnswersAsync(CancellationToken cancellationToken);

    IServiceDriver Driver { get; }
}

/// <summary>Which driver runs a service: `--driver auto|native|docker` (DESIGN.md §4).</summary>
public sealed class DriverSelection(IServiceDriver native, IDockerEngine? docker)
{
    private readonly Lock _gate = new();
    private Task<bool>? _dockerAnswers;

    public IServiceDriver Native { get; } = native;

    /// <summary>The driver that starts services: auto is docker where an engine answers, else native.</summary>
    public async Task<IServiceDriver> ForStartAsync(DriverChoice choice, CancellationToken cancellationToken) =>
        Named(choice) ?? (choice == DriverChoice.Auto && !await DockerAnswersAsync(cancellationToken) ? Native : await RequireDockerAsync(cancellationToken));

    /// <summary>
    /// The driver that runs a service now (stop, logs, status): under auto, native when arc has a live
    /// process for it, else docker where an engine answers, else native.
    /// </summary>
    public async Task<IServiceDriver> ForExistingAsync(ServiceDefinition service, DriverChoice choice, CancellationToken cancellationToken) =>
        Named(choice) ?? (choice != DriverChoice.Auto ? await RequireDockerAsync(cancellationToken)
            : (await Native.InspectAsync(service, cancellationToken)).Running || !await DockerAnswersAsync(cancellationToken) ? Native : docker!.Driver);

    /// <summary>The native driver when the choice names it; null for auto and for the docker driver (which must answer first).</summary>
    private IServiceDriver? Named(DriverChoice choice) => choice.Name == Native.Name ? Native : null;

    /// <summary>The driver that builds images (`arc build`): docker, which must answer and declare <see cref="IServiceDriver.Images"/>.</summary>
    public async Task<(IServiceDriver Driver, IImageDriver Images)> ForImagesAsync(CancellationToken cancellationToken)
    {
        var driver = await RequireDockerAsync(cancellationToken);
        return driver.Images is { } images ? (driver, images) : throw new DriverException($"the {driver.Name} driver builds no images");
    }

    /// <summary>
    /// The records `down` may stop from under <paramref name="choice"/>: those of each driver the choice allows
    /// that keeps them (<see cref="DriverCapabilities.RecordStop"/>). Auto allows every driver; no engine is asked.
    /// </summary>
    public IReadOnlyList<IRecordStop> RecordStops(DriverChoice choice, string root)
    {
        IEnumerable<IServiceDriver> all = docker is null ? [Native] : [Native, docker.Driver];
        var allowed = all.Where(d => choice == DriverChoice.Auto || d.Name == choice.Name);
        return [.. allowed.Select(d => d.Capabilities.RecordStop).OfType<Func<string, IRecordStop>>().Select(records => records(root))];
    }

    /// <summary>
    /// What the drivers <paramref name="choice"/> allows keep for a topology's members
    /// (<see cref="DriverCapabilities.KeepsStateFor"/>): auto allows every driver; no engine is asked.
    /// </summary>
    public IReadOnlyList<Func<string, bool>> StateKeepers(DriverChoice choice)
    {
        IEnumerable<IServiceDriver> all = docker is null ? [Native] : [Native, docker.Driver];
        return [.. all.Where(d => choice == DriverChoice.Auto || d.Name == choice.Name)
            .Select(d => d.Capabilities.KeepsStateFor).OfType<Func<string, bool>>()];
    }

    /// <summary>Asked once per invocation: every service of a command sees the same answer.</summary>
    private Task<bool> DockerAnswersAsync(CancellationToken cancellationToken)
    {
        if (docker is null)
            return Task.FromResult(false);
        lock (_gate)
            return _dockerAnswers ??= docker.AnswersAsync(cancellationToken);
    }

    private async Task<IServiceDriver> RequireDockerAsync(CancellationToken cancellationToken)
    {
        if (docker is null)
            throw new DriverException("this build of arc has no docker driver") { Unavailable = new DriverAlternative(DriverChoice.Docker, DriverChoice.Native) };
        if (!await DockerAnswersAsync(cancellationToken))
            throw new DriverException("no Docker engine answers (is dockerd running and DOCKER_HOST right?)") { Unavailable = new DriverAlternative(DriverChoice.Docker, DriverChoice.Native) };
        return docker.Driver;
    }
}
