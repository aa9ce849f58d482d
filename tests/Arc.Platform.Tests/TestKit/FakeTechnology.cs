using System.Collections.Concurrent;
using Arc.Platform.Compose;
using Arc.Platform.Health;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Tests.TestKit;

/// <summary>
/// An <see cref="ITechnology"/> with scripted probes and provisioning: healthy and provisioning one
/// object by default; every probe and provisioning goes to the shared <see cref="CallLog"/>.
/// </summary>
/// <remarks>
/// Built with <paramref name="answers"/> (as <see cref="FakeStack"/> does, from its driver), a probe answers only while
/// the fake driver runs the service, as a real server's port does: nothing answers for a stopped one.
/// </remarks>
public sealed class FakeTechnology(CallLog log, Func<string, bool>? answers = null) : ITechnology
{
    private readonly ConcurrentDictionary<string, string> _unhealthy = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _provisionFailures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Action> _onProbe = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _hanging = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _healthyFrom = new(StringComparer.Ordinal);

    public string Tech => "fake";

    public ClientConnection Connection { get; } = new("client", "fake", "FAKE_URL");

    public FakeTechnology Unhealthy(string codename, string detail = "connection refused")
    {
        _unhealthy[codename] = detail;
        return this;
    }

    /// <summary>Readiness probes fail until <paramref name="delay"/> from now has passed (a server still starting), then answer.</summary>
    public FakeTechnology HealthyAfter(string codename, TimeSpan delay)
    {
        _healthyFrom[codename] = System.Diagnostics.Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        return this;
    }

    /// <summary>Provisioning throws, as a server refusing a stream would.</summary>
    public FakeTechnology ProvisionFails(string codename, string message)
    {
        _provisionFailures[codename] = message;
        return this;
    }

    /// <summary>The probe never answers until cancelled, after running <paramref name="whenProbed"/> (cancel the command, say).</summary>
    public FakeTechnology HangsWhenProbed(string codename, Action whenProbed)
    {
        _hanging[codename] = true;
        _onProbe[codename] = whenProbed;
        return this;
    }

    public async Task<ProbeResult> ProbeAsync(ServiceDefinition service, CancellationToken cancellationToken)
    {
        log.Record("probe", service.Codename);
        if (_onProbe.TryGetValue(service.Codename, out var action))
            action();
        if (_hanging.ContainsKey(service.Codename))
            await Task.Delay(Timeout.Infinite, cancellationToken);
        if (_healthyFrom.TryGetValue(service.Codename, out var from) && System.Diagnostics.Stopwatch.GetTimestamp() < from)
            return ProbeResult.Fail(TimeSpan.FromMilliseconds(1), "connection refused");
        if (answers is not null && !answers(service.Codename))
            return ProbeResult.Fail(TimeSpan.FromMilliseconds(1), "connection refused");
        return _unhealthy.TryGetValue(service.Codename, out var detail)
            ? ProbeResult.Fail(TimeSpan.FromMilliseconds(1), detail)
            : ProbeResult.Ok(TimeSpan.FromMilliseconds(1));
    }

    public Task<ProbeResult> DeepProbeAsync(ServiceDefinition service, CancellationToken cancellationToken)
    {
        log.Record("deep-probe", service.Codename);
        if (answers is not null && !answers(service.Codename))
            return Task.FromResult(ProbeResult.Fail(TimeSpan.FromMilliseconds(1), "connection refused"));
        return Task.FromResult(_unhealthy.TryGetValue(service.Codename, out var detail)
            ? ProbeResult.Fail(TimeSpan.FromMilliseconds(1), detail)
            : ProbeResult.Ok(TimeSpan.FromMilliseconds(1), "round trip ok"));
    }

    public Task<ProvisionReport> ProvisionAsync(ServiceDefinition service, string root, CancellationToken cancellationToken)
    {
        log.Record("provision", service.Codename);
        if (_provisionFailures.TryGetValue(service.Codename, out var message))
            throw new DriverException(message);
        return Task.FromResult(new ProvisionReport([new ProvisionedItem("stream", $"{service.Codename}-stream", ProvisionAction.Created)]));
    }
}
