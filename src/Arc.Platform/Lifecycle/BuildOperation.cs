using System.Diagnostics;
using Arc.Platform.Drivers;
using Arc.Platform.Registry;

namespace Arc.Platform.Lifecycle;

/// <summary>`arc build`: builds each selected service's images with the docker driver, then reports its state as `status` does.</summary>
internal sealed class BuildOperation(LifecycleContext context)
{
    public async Task<LifecycleResult> RunAsync(TargetSelection selection, BuildOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (driver, images) = await context.Drivers.ForImagesAsync(cancellationToken);
        var health = new HealthOperation(context);
        var rows = new List<ServiceOutcome>();
        foreach (var service in selection.Services)
        {
            string built;
            try
            {
                built = await images.BuildAsync(service, options.NoCache, cancellationToken);
            }
            catch (DriverException e)
            {
                rows.Add(context.Failed(service, driver, e));
                continue;
            }
            context.Tell(service.Codename, LifecycleStage.Built, built);
            var state = await health.CheckAsync(service, selection, deep: false, driver, withRuntime: false, cancellationToken);
            rows.Add(new ServiceOutcome(state.Report with { Detail = $"{built}; {state.Report.Detail}" }, false));
        }
        return LifecycleResult.Of(rows, clock.Elapsed);
    }
}
