using Arc.Platform.Drivers;

namespace Arc.Platform.Tests.TestKit;

/// <summary>
/// The fake driver's record-only stop, as the native driver's run records behave: a record exists for each service
/// it started until that service is stopped, and stopping from the record alone keeps the data.
/// </summary>
public sealed class FakeRecords(FakeDriver driver) : IRecordStop
{
    public string DriverName => driver.Name;

    public IReadOnlyList<string> Codenames() => [.. driver.Running.Keys.Order(StringComparer.Ordinal)];

    public Task<RecordedStop> StopAsync(string codename, CancellationToken cancellationToken) =>
        Task.FromResult(new RecordedStop(codename, "-", driver.StopFromRecord(codename) ? "stopped; data kept" : "not running"));
}
