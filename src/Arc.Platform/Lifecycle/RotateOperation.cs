using System.Diagnostics;
using Arc.Platform.Drivers;
using Arc.Platform.Registry;
using Arc.Platform.Secrets;

namespace Arc.Platform.Lifecycle;

/// <summary>`arc secrets rotate`: with <see cref="Timeout"/> for the restarted services to turn healthy.</summary>
public sealed record RotateOptions
{
    public DriverChoice Driver { get; init; } = DriverChoice.Auto;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);
}

/// <summary>
/// `arc secrets rotate [TARGET...]`: new passwords for every user of each selected service that has
/// credentials; the services that run are restarted with their driver (down, then up), so the old
/// passwords are refused from then on and `arc env` prints the new ones. A stopped service takes
/// its new credentials at its next `up`. A restart, not a reload: the same path for both drivers and
/// both servers (a NATS reload would keep its clients, but Redis's ACL file is read at start).
/// </summary>
internal sealed class RotateOperation(LifecycleContext context)
{
    public async Task<LifecycleResult> RunAsync(TargetSelection selection, RotateOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var outcomes = new Dictionary<string, ServiceOutcome>(StringComparer.Ordinal);
        var running = new List<(ServiceDefinition Service, IServiceDriver Driver)>();
        foreach (var service in selection.Services)
        {
            var users = context.TechnologyFor(service).Connection.Users;
            var driver = await context.Drivers.ForExistingAsync(service, options.Driver, cancellationToken);
            if (users.Count == 0 || service.SecretsDirectory is not { } directory)
            {
                outcomes[service.Codename] = new ServiceOutcome(
                    LifecycleContext.Report(service, driver, ServiceStatus.Skipped, null, $"{service.Tech} runs without credentials; nothing to rotate"), false);
                continue;
            }
            var runtime = await driver.InspectAsync(service, cancellationToken);
            new SecretStore(directory).Rotate(service.Codename, users);
            context.Tell(service.Codename, LifecycleStage.Note, $"new credentials for {string.Join(", ", users)}");
            if (runtime.Running)
                running.Add((service, driver));
            else
                outcomes[service.Codename] = new ServiceOutcome(
                    LifecycleContext.Report(service, driver, ServiceStatus.Stopped, null, "credentials rotated; the next `up` uses them"), false);
        }
        foreach (var group in running.GroupBy(r => r.Driver.Name))
            foreach (var row in await RestartAsync(selection, [.. group.Select(r => r.Service)], DriverChoice.Of(group.First().Driver), options, cancellationToken))
                outcomes[row.Report.Codename] = row;
        return LifecycleResult.Of(selection.Services.Select(s => outcomes[s.Codename]), clock.Elapsed);
    }

    /// <summary>Down, then up, of the services one driver runs; their rows are up's, with "credentials rotated" in front.</summary>
    private async Task<IEnumerable<ServiceOutcome>> RestartAsync(TargetSelection selection, IReadOnlyList<ServiceDefinition> services, DriverChoice driver,
        RotateOptions options, CancellationToken cancellationToken)
    {
        var codenames = services.Select(s => s.Codename).ToHashSet(StringComparer.Ordinal);
        var subset = new TargetSelection([.. selection.Layers.Select(l => (IReadOnlyList<ServiceDefinition>)[.. l.Where(s => codenames.Contains(s.Codename))]).Where(l => l.Count > 0)],
            codenames);
        await new StopOperation(context).DownAsync(subset, new DownOptions { Driver = driver }, cancellationToken);
        var up = await new UpOperation(context).RunAsync(subset, new UpOptions { Driver = driver, Timeout = options.Timeout, Strict = true }, cancellationToken);
        return up.Services.Select(r => new ServiceOutcome(r with { Detail = $"credentials rotated, restarted: {r.Detail}" }, r.Status != ServiceStatus.Healthy));
    }
}
