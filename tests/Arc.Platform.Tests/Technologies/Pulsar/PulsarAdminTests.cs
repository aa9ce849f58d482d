using Arc.Platform.Technologies.Pulsar;
using Xunit;

namespace Arc.Platform.Tests.Technologies.Pulsar;

/// <summary>
/// Strange's probes against recorded and documented Pulsar admin responses (see Recorded/README.md
/// for where each body comes from). Not a live Pulsar.
/// </summary>
[Trait("Tier", "unit")]
public class PulsarAdminTests
{
    private const string Health = "/admin/v2/brokers/health";
    private const string Clusters = "/admin/v2/clusters";
    private const string Tenants = "/admin/v2/tenants";

    private static readonly PulsarTechnology Pulsar = new();

    [Fact]
    public async Task Probe_is_healthy_on_the_brokers_ok_answer()
    {
        await using var server = new RecordedHttpServer(new() { [Health] = (200, RecordedHttpServer.Recorded("brokers-health.ok.txt")) });

        var result = await Pulsar.ProbeAsync(SampleServices.Pulsar(FreePorts.Next(), server.Port), CancellationToken.None);

        Assert.True(result.Healthy, result.Detail);
    }

    [Fact]
    public async Task Probe_is_unhealthy_on_a_500_and_shows_the_reason()
    {
        await using var server = new RecordedHttpServer(new() { [Health] = (500, RecordedHttpServer.Recorded("brokers-health.error-500.json")) });

        var result = await Pulsar.ProbeAsync(SampleServices.Pulsar(FreePorts.Next(), server.Port), CancellationToken.None);

        Assert.False(result.Healthy);
        Assert.Contains("HTTP 500", result.Detail);
        Assert.Contains("broker is not ready", result.Detail);
    }

    [Fact]
    public async Task Probe_is_unhealthy_when_a_200_says_something_other_than_ok()
    {
        await using var server = new RecordedHttpServer(new() { [Health] = (200, RecordedHttpServer.Recorded("clusters.standalone.json")) });

        var result = await Pulsar.ProbeAsync(SampleServices.Pulsar(FreePorts.Next(), server.Port), CancellationToken.None);

        Assert.False(result.Healthy);
        Assert.Contains("unexpected answer", result.Detail);
    }

    [Fact]
    public async Task Probe_of_a_closed_port_is_unhealthy_without_throwing()
    {
        var result = await Pulsar.ProbeAsync(SampleServices.Pulsar(FreePorts.Next(), FreePorts.Next()), CancellationToken.None);

        Assert.False(result.Healthy);
        Assert.Contains(Health, result.Detail);
    }

    [Theory]
    [InlineData("tenants.standalone.json", "2 tenant(s)")]
    [InlineData("tenants.javadoc-example.json", "3 tenant(s)")]
    public async Task Deep_probe_lists_clusters_then_tenants(string tenantsFile, string expected)
    {
        await using var server = new RecordedHttpServer(new()
        {
            [Clusters] = (200, RecordedHttpServer.Recorded("clusters.standalone.json")),
            [Tenants] = (200, RecordedHttpServer.Recorded(tenantsFile)),
        });

        var result = await Pulsar.DeepProbeAsync(SampleServices.Pulsar(FreePorts.Next(), server.Port), CancellationToken.None);

        Assert.True(result.Healthy, result.Detail);
        Assert.Equal($"admin API ok: cluster standalone, {expected}", result.Detail);
    }

    [Fact]
    public async Task Deep_probe_fails_when_no_cluster_is_registered()
    {
        await using var server = new RecordedHttpServer(new() { [Clusters] = (200, "[]") });

        var result = await Pulsar.DeepProbeAsync(SampleServices.Pulsar(FreePorts.Next(), server.Port), CancellationToken.None);

        Assert.False(result.Healthy);
        Assert.Contains("non-empty JSON list", result.Detail);
    }

    [Fact]
    public async Task Deep_probe_fails_when_the_tenants_call_errors()
    {
        await using var server = new RecordedHttpServer(new()
        {
            [Clusters] = (200, RecordedHttpServer.Recorded("clusters.standalone.json")),
            [Tenants] = (500, RecordedHttpServer.Recorded("brokers-health.error-500.json")),
        });

        var result = await Pulsar.DeepProbeAsync(SampleServices.Pulsar(FreePorts.Next(), server.Port), CancellationToken.None);

        Assert.False(result.Healthy);
        Assert.Contains("/admin/v2/tenants: HTTP 500", result.Detail);
    }

    [Fact]
    public async Task Deep_probe_fails_when_tenants_is_not_a_list_of_names()
    {
        await using var server = new RecordedHttpServer(new()
        {
            [Clusters] = (200, RecordedHttpServer.Recorded("clusters.standalone.json")),
            [Tenants] = (200, "<html>proxy error</html>"),
        });

        var result = await Pulsar.DeepProbeAsync(SampleServices.Pulsar(FreePorts.Next(), server.Port), CancellationToken.None);

        Assert.False(result.Healthy);
        Assert.Contains("expected a JSON list of names", result.Detail);
    }

    [Fact]
    public async Task Deep_probe_of_a_closed_port_is_unhealthy_without_throwing()
    {
        var result = await Pulsar.DeepProbeAsync(SampleServices.Pulsar(FreePorts.Next(), FreePorts.Next()), CancellationToken.None);

        Assert.False(result.Healthy);
        Assert.Contains(Clusters, result.Detail);
    }
}
