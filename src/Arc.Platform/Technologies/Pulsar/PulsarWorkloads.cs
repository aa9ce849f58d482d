using Arc.Platform.Bench;
using Arc.Platform.Registry;

namespace Arc.Platform.Technologies.Pulsar;

public sealed partial class PulsarTechnology : IBenchmarkable
{
    internal static readonly TimeSpan BenchRequestTimeout = TimeSpan.FromSeconds(10);

    public IReadOnlyList<string> BenchOperations { get; } = ["produce-consume", "admin"];

    public IBenchWorkload Benchmark(ServiceDefinition service, string operation) => operation switch
    {
        "produce-consume" => new PulsarProduceConsumeWorkload(service),
        "admin" => new PulsarAdminWorkload(service),
        _ => throw new ArgumentException($"unknown Pulsar benchmark operation '{operation}'", nameof(operation)),
    };

    /// <summary>
    /// Benchmarks run only where a live Pulsar answers its health check; otherwise they are skipped with the reason.
    /// The check waits as long as a benchmark request may (not a health probe's 2 s): a slow first answer on a
    /// loaded machine is a Pulsar to measure, not a missing one, and a closed port still answers at once.
    /// </summary>
    public async Task<string?> UnmeasurableAsync(ServiceDefinition service, CancellationToken cancellationToken)
    {
        var probe = await ProbeAsync(service, cancellationToken, BenchRequestTimeout);
        return probe.Healthy ? null : $"no live Pulsar answers at {AdminUrl(service)} ({probe.Detail})";
    }
}

/// <summary>Admin REST round trips (GET /admin/v2/tenants), closed-loop: what every provisioning step costs.</summary>
internal sealed class PulsarAdminWorkload(ServiceDefinition service) : IBenchWorkload
{
    public string Operation => "admin";

    public async Task<BenchResult> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        options.Validate();
        var url = $"{PulsarTechnology.AdminUrl(service)}/admin/v2/tenants";
        return await BenchRunner.RunAsync(service.Codename, Operation, options,
            (_, _) => Task.FromResult<IBenchClient>(new Client(url)), cancellationToken);
    }

    private sealed class Client(string url) : IBenchClient
    {
        private readonly HttpClient _http = new() { Timeout = PulsarTechnology.BenchRequestTimeout };
        private readonly Task<HttpResponseMessage>[] _inFlight = new Task<HttpResponseMessage>[BenchOptions.MaxPipeline];

        public async ValueTask RunAsync(int count, CancellationToken cancellationToken)
        {
            for (var i = 0; i < count; i++)
                _inFlight[i] = _http.GetAsync(url, cancellationToken);
            for (var i = 0; i < count; i++)
                using (var response = await _inFlight[i])
                    if (!response.IsSuccessStatusCode)
                        throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}");
        }

        public ValueTask DisposeAsync()
        {
            _http.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
