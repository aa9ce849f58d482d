using System.Diagnostics;
using Arc.Platform.Drivers;
using Arc.Platform.Registry;

namespace Arc.Platform.Lifecycle;

/// <summary>`arc down`, `arc clean` and `clean --images`: dependents stop before what they depend on (layers in reverse).</summary>
internal sealed class StopOperation(LifecycleContext context)
{
    /// <summary>Down; the records the drivers keep are read once, for the extra services and for the absent members alike.</summary>
    public Task<LifecycleResult> DownAsync(TargetSelection selection, DownOptions options, CancellationToken cancellationToken)
    {
        var records = context.Drivers.RecordStops(options.Driver, context.Registry.Root);
        var selected = options.EveryRecorded ? WithEveryRecord(selection, records) : selection;
        return RunAsync(HaSelection.ForExisting(selected, context.Drivers, options.Driver), options.Driver, StopKind.Stop, records, cancellationToken);
    }

    /// <summary>
    /// The selection plus every service that has a run record: a registry service joins the selection;
    /// a record no service.yaml defines any more is stopped from the record, as an absent profile member is.
    /// </summary>
    private TargetSelection WithEveryRecord(TargetSelection selection, IReadOnlyList<IRecordStop> records)
    {
        var recorded = records.SelectMany(r => r.Codenames()).Distinct().ToList();
        var selected = selection.Services.Select(s => s.Codename).ToHashSet(StringComparer.Ordinal);
        var extra = recorded.Where(c => !selected.Contains(c) && context.Registry.FindService(c) is not null).ToList();
        var members = HaSelection.MemberCodenames(context.Registry);
        var unknown = recorded.Where(c => context.Registry.FindService(c) is null && !members.Contains(c));
        var layers = extra.Count == 0 ? selection.Layers : context.Registry.Resolve([.. selected, .. extra]).Layers;
        return new TargetSelection(layers, new HashSet<string>(StringComparer.Ordinal)) { Absent = [.. selection.Absent.Union(unknown)] };
    }

    public Task<LifecycleResult> CleanAsync(TargetSelection selection, CleanOptions options, CancellationToken cancellationToken) =>
        RunAsync(HaSelection.ForExisting(selection, context.Drivers, options.Driver), options.Driver,
            options.RemoveImages ? StopKind.RemoveImages : StopKind.Clean, [], cancellationToken);

    private enum StopKind
    {
        Stop,
        Clean,
        RemoveImages,
    }

    /// <param name="records">The drivers' records an absent member is stopped from (down only).</param>
    private async Task<LifecycleResult> RunAsync(TargetSelection selection, DriverChoice choice, StopKind kind, IReadOnlyList<IRecordStop> records,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var _ = await context.AcquireLockAsync(InvocationLock.DefaultWait, cancellationToken);
        var reports = new Dictionary<string, ServiceReport>(StringComparer.Ordinal);
        foreach (var layer in selection.Layers.Reverse())
        {
            var layerReports = await Task.WhenAll(layer.Select(service => StopOneAsync(service, choice, kind, cancellationToken)));
            foreach (var report in layerReports)
                reports[report.Codename] = report;
        }
        var rows = selection.Services.Select(s => new ServiceOutcome(reports[s.Codename], false)).ToList();
        foreach (var servers in records)
            rows.AddRange(await StopRecordedAbsentAsync(servers, selection.Absent, cancellationToken));
        return LifecycleResult.Of(rows, clock.Elapsed);
    }

    /// <summary>
    /// A profile member no service.yaml defines now (its file was removed) may still run from an earlier
    /// `up`: its run record proves it, and down stops it from the record rather than leave it running.
    /// </summary>
    private async Task<List<ServiceOutcome>> StopRecordedAbsentAsync(IRecordStop servers, IReadOnlyList<string> absent, CancellationToken cancellationToken)
    {
        if (absent.Count == 0)
            return [];
        var recorded = servers.Codenames();
        var rows = new List<ServiceOutcome>();
        foreach (var codename in absent.Where(recorded.Contains))
            rows.Add(await RecordOnlyStop.StopOneAsync(servers, codename, (c, stage, detail) => context.Tell(c, stage, detail), cancellationToken));
        return rows;
    }

    private async Task<ServiceReport> StopOneAsync(ServiceDefinition service, DriverChoice choice, StopKind kind, CancellationToken cancellationToken)
    {
        var driver = await context.Drivers.ForExistingAsync(service, choice, cancellationToken);
        if (kind == StopKind.Stop && (await driver.InspectAsync(service, cancellationToken)).RuntimeMissing)
            return LifecycleContext.Report(service, driver, ServiceStatus.Skipped, null, "not installed here; nothing to stop");
        string detail;
        if (kind == StopKind.RemoveImages && driver.Images is { } images)
        {
            await images.RemoveImagesAsync(service, cancellationToken);
            detail = "stopped; data and images deleted";
        }
        else if (kind != StopKind.Stop)
        {
            await driver.CleanAsync(service, cancellationToken);
            // Its credentials go with its data, never before: a later `up` generates new ones.
            if (service.SecretsDirectory is { } secrets)
                new Secrets.SecretStore(secrets).Delete(service.SecretsName);
            detail = "stopped; data deleted";
        }
        else
        {
            await driver.StopAsync(service, cancellationToken);
            detail = "stopped; data kept";
        }
        context.Tell(service.Codename, kind == StopKind.Stop ? LifecycleStage.Stopped : LifecycleStage.Cleaned, detail);
        return LifecycleContext.Report(service, driver, ServiceStatus.Stopped, null, detail);
    }
}
