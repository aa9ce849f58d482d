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
/// Which registered driver runs a service (`--driver`, DESIGN.md §4). Auto is the first registered driver with an
/// engine that answers, else the first that needs none; nothing here knows a driver by name or type.
/// </summary>
public sealed class DriverSelection
{
    private readonly IReadOnlyList<DriverRegistration> _drivers;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Task<bool>> _answers = new(StringComparer.Ordinal);

    /// <param name="drivers">Every driver of this build, in registration order; at least one needs no engine.</param>
    public DriverSelection(IReadOnlyList<DriverRegistration> drivers)
    {
        _drivers = drivers;
        Fallback = drivers.FirstOrDefault(d => d.AlwaysAvailable)?.Driver
            ?? throw new ArgumentException("at least one driver must need no engine", nameof(drivers));
    }

    /// <summary>Just <paramref name="driver"/>, always available (tests, and a build with one driver).</summary>
    public static DriverSelection Only(IServiceDriver driver) => new([new DriverRegistration(driver)]);

    /// <summary>The first driver that needs no engine (today the native driver): auto's fallback.</summary>
    public IServiceDriver Fallback { get; }

    /// <summary>The driver that starts services: auto is the first whose engine answers, else <see cref="Fallback"/>.</summary>
    public async Task<IServiceDriver> ForStartAsync(DriverChoice choice, CancellationToken cancellationToken)
    {
        if (choice != DriverChoice.Auto)
            return await RequireAsync(choice, cancellationToken);
        foreach (var engine in _drivers.Where(d => !d.AlwaysAvailable))
            if (await AnswersAsync(engine, cancellationToken))
                return engine.Driver;
        return Fallback;
    }

    /// <summary>
    /// The driver that runs a service now (stop, logs, status): under auto, a driver needing no engine that runs it
    /// (arc has a live process for it), else the driver auto would start it with.
    /// </summary>
    public async Task<IServiceDriver> ForExistingAsync(ServiceDefinition service, DriverChoice choice, CancellationToken cancellationToken)
    {
        if (choice != DriverChoice.Auto)
            return await RequireAsync(choice, cancellationToken);
        foreach (var local in _drivers.Where(d => d.AlwaysAvailable))
            if ((await local.Driver.InspectAsync(service, cancellationToken)).Running)
                return local.Driver;
        return await ForStartAsync(choice, cancellationToken);
    }

    /// <summary>The driver that builds images (`arc build`): the first registered that declares <see cref="IServiceDriver.Images"/>, which must answer.</summary>
    public async Task<(IServiceDriver Driver, IImageDriver Images)> ForImagesAsync(CancellationToken cancellationToken)
    {
        var registered = _drivers.FirstOrDefault(d => d.Driver.Images is not null) ?? _drivers.FirstOrDefault(d => !d.AlwaysAvailable);
        if (registered is null)
            throw new DriverException("this build of arc has no driver that builds images");
        var driver = await RequireAsync(DriverChoice.Of(registered.Driver), cancellationToken);
        return driver.Images is { } images ? (driver, images) : throw new DriverException($"the {driver.Name} driver builds no images");
    }

    /// <summary>
    /// The records `down` may stop from under <paramref name="choice"/>: those of each driver the choice allows
    /// that keeps them (<see cref="DriverCapabilities.RecordStop"/>). Auto allows every driver; no engine is asked.
    /// </summary>
    public IReadOnlyList<IRecordStop> RecordStops(DriverChoice choice, string root) =>
        [.. Allowed(choice).Select(d => d.Capabilities.RecordStop).OfType<Func<string, IRecordStop>>().Select(records => records(root))];

    /// <summary>
    /// What the drivers <paramref name="choice"/> allows keep for a topology's members
    /// (<see cref="DriverCapabilities.KeepsStateFor"/>): auto allows every driver; no engine is asked.
    /// </summary>
    public IReadOnlyList<Func<string, bool>> StateKeepers(DriverChoice choice) =>
        [.. Allowed(choice).Select(d => d.Capabilities.KeepsStateFor).OfType<Func<string, bool>>()];

    private IEnumerable<IServiceDriver> Allowed(DriverChoice choice) =>
        _drivers.Select(d => d.Driver).Where(d => choice == DriverChoice.Auto || d.Name == choice.Name);

    /// <summary>Each engine is asked once per invocation: every service of a command sees the same answer.</summary>
    private Task<bool> AnswersAsync(DriverRegistration registered, CancellationToken cancellationToken)
    {
        if (registered.Answers is not { } answers)
            return Task.FromResult(true);
        lock (_gate)
        {
            if (!_answers.TryGetValue(registered.Name, out var asked))
                _answers[registered.Name] = asked = answers(cancellationToken);
            return asked;
        }
    }

    /// <summary>The driver <paramref name="choice"/> names, once its engine answers; an unknown or silent one says what to use instead.</summary>
    private async Task<IServiceDriver> RequireAsync(DriverChoice choice, CancellationToken cancellationToken)
    {
        var instead = new DriverAlternative(choice, DriverChoice.Of(Fallback));
        var registered = _drivers.FirstOrDefault(d => d.Name == choice.Name)
            ?? throw new DriverException($"this build of arc has no {choice.Name} driver") { Unavailable = instead };
        if (!await AnswersAsync(registered, cancellationToken))
            throw new DriverException(registered.Unanswered) { Unavailable = instead };
        return registered.Driver;
    }
}
