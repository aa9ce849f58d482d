using System.Diagnostics;
using Arc.Platform.Drivers;

namespace Arc.Platform.Lifecycle;

/// <summary>What a stop from the run records alone did, and the targets that matched no record.</summary>
public sealed record RecordOnlyResult(LifecycleResult Result, IReadOnlyList<string> Unmatched);

/// <summary>
/// `arc down` when the configuration cannot be read (a broken service.yaml, profiles.yaml or compose
/// file): the run records a driver keeps (the native driver's) still prove what this checkout started, so those servers are stopped
/// from the records alone, under the same lock as every state-changing command. A row that could not be
/// stopped says what still runs and fails the result. The configuration error itself is the caller's to
/// report: it is not hidden by a stop that worked.
/// </summary>
public static class RecordOnlyStop
{
    /// <param name="keepers">The records of each driver that keeps them (see <see cref="DriverCapabilities.RecordStop"/>).</param>
    public static async Task<RecordOnlyResult> DownAsync(string root, IReadOnlyList<IRecordStop> keepers, IReadOnlyList<string> targets,
        IProgress<LifecycleEvent>? events, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        void Tell(string codename, LifecycleStage stage, string detail) => events?.Report(new LifecycleEvent(codename, stage, detail));
        using var _ = await InvocationLock.AcquireAsync(root, note => Tell("", LifecycleStage.Note, note), cancellationToken);
        var byCodename = new Dictionary<string, IRecordStop>(StringComparer.Ordinal);
        foreach (var keeper in keepers)
            foreach (var codename in keeper.Codenames())
                byCodename.TryAdd(codename, keeper);
        var (selected, unmatched) = RecordedTargets.Select(root, [.. byCodename.Keys], targets);
        var rows = new List<ServiceOutcome>();
        foreach (var codename in selected)
            rows.Add(await StopOneAsync(byCodename[codename], codename, Tell, cancellationToken));
        return new RecordOnlyResult(LifecycleResult.Of(rows, clock.Elapsed), unmatched);
    }

    /// <summary>One recorded service stopped from its record: a stopped row, or a failing row saying what still runs.</summary>
    internal static async Task<ServiceOutcome> StopOneAsync(IRecordStop servers, string codename, Action<string, LifecycleStage, string> tell,
        CancellationToken cancellationToken)
    {
        try
        {
            var stop = await servers.StopAsync(codename, cancellationToken);
            tell(codename, LifecycleStage.Stopped, stop.Detail);
            return new ServiceOutcome(new ServiceReport(codename, "", ServiceStatus.Stopped, servers.DriverName, stop.Endpoint, null, stop.Detail), false);
        }
        catch (DriverException e)
        {
            tell(codename, LifecycleStage.Failed, e.Message);
            return new ServiceOutcome(new ServiceReport(codename, "", ServiceStatus.Unhealthy, servers.DriverName, "-", null, $"not stopped: {e.Message}"), true);
        }
    }
}
