using Arc.Platform.Technologies;
using Arc.Platform.Drivers;
using Arc.Platform.Technologies.Pulsar;
using Xunit;
using static Arc.Platform.Tests.TestKit.RecordedHttpServer;

namespace Arc.Platform.Tests.Technologies.Pulsar;

/// <summary>
/// `arc up strange` provisioning of the repository's services/streaming/topics.yaml, through the
/// Pulsar technology's ProvisionAsync, against recorded and documented admin answers (see
/// Recorded/README.md for each body's provenance). Not a live Pulsar.
/// </summary>
[Trait("Tier", "unit")]
public class PulsarProvisioningTests
{
    private const string AgentLifecycle = "/admin/v2/persistent/arc-system/events/agent-lifecycle/partitions";
    private const string Application = "/admin/v2/persistent/arc-system/logs/application/partitions";
    private const string CommandLog = "/admin/v2/persistent/arc-system/audit/command-log/partitions";

    private static readonly PulsarTechnology Pulsar = new();
    private static readonly string Root = SampleServices.RepositoryRoot()!;
    private static readonly string StreamingDir = Path.Combine(Root, "services", "streaming");
    private static readonly DeclaredFile Topics = DeclaredFile.Of(SampleServices.Pulsar(1, 2, StreamingDir), "topics.yaml");

    /// <summary>Every PUT topics.yaml makes, in order, with its exact body.</summary>
    private static readonly string[] ExpectedPuts =
    [
        """PUT /admin/v2/tenants/arc-system {"allowedClusters":["standalone"]}""",
        """PUT /admin/v2/tenants/arc {"allowedClusters":["standalone"]}""",
        "PUT /admin/v2/namespaces/arc-system/events",
        "PUT /admin/v2/namespaces/arc-system/logs",
        "PUT /admin/v2/namespaces/arc-system/audit",
        "PUT /admin/v2/namespaces/arc/default",
        $"PUT {AgentLifecycle} 3",
        $"PUT {Application} 4",
        $"PUT {CommandLog} 1",
    ];

    /// <summary>A Pulsar that already holds everything topics.yaml declares, as Cortex or an earlier `arc up` left it.</summary>
    private static Dictionary<string, (int, string)> EverythingPresent() => new()
    {
        ["PUT /admin/v2/tenants/arc-system"] = (409, Recorded("tenant.exists-409.json")),
        ["PUT /admin/v2/tenants/arc"] = (409, Recorded("tenant.exists-409.json")),
        ["GET /admin/v2/tenants/arc-system"] = (200, Recorded("tenant.arc-system.json")),
        ["GET /admin/v2/tenants/arc"] = (200, Recorded("tenant.arc-system.json")),
        ["PUT /admin/v2/namespaces/arc-system/events"] = (409, Recorded("namespace.exists-409.json")),
        ["PUT /admin/v2/namespaces/arc-system/logs"] = (409, Recorded("namespace.exists-409.json")),
        ["PUT /admin/v2/namespaces/arc-system/audit"] = (409, Recorded("namespace.exists-409.json")),
        ["PUT /admin/v2/namespaces/arc/default"] = (409, Recorded("namespace.exists-409.json")),
        [$"PUT {AgentLifecycle}"] = (409, Recorded("partitioned-topic.exists-409.json")),
        [$"PUT {Application}"] = (409, Recorded("partitioned-topic.exists-409.json")),
        [$"PUT {CommandLog}"] = (409, Recorded("partitioned-topic.exists-409.json")),
        [$"GET {AgentLifecycle}"] = (200, Recorded("partitioned-topic.metadata-3.json")),
        [$"GET {Application}"] = (200, Recorded("partitioned-topic.metadata-4.json")),
        [$"GET {CommandLog}"] = (200, Recorded("partitioned-topic.metadata-1.json")),
    };

    private static Dictionary<string, (int, string)> NothingPresent() =>
        ExpectedPuts.Select(p => string.Join(' ', p.Split(' ').Take(2))).ToDictionary(route => route, _ => (204, ""));

    private static Task<Arc.Platform.Technologies.ProvisionReport> ProvisionAsync(RecordedHttpServer server) =>
        Pulsar.ProvisionAsync(SampleServices.Pulsar(FreePorts.Next(), server.Port, StreamingDir), Root, CancellationToken.None);

    [Fact]
    public async Task On_an_empty_Pulsar_every_resource_is_created_with_the_exact_calls()
    {
        await using var server = new RecordedHttpServer(NothingPresent());

        var report = await ProvisionAsync(server);

        Assert.Equal(ExpectedPuts, server.Requests.Select(r => r.ToString()));
        Assert.Equal(
            [
                "tenant arc-system: created", "tenant arc: created",
                "namespace arc-system/events: created", "namespace arc-system/logs: created",
                "namespace arc-system/audit: created", "namespace arc/default: created",
                "partitioned topic persistent://arc-system/events/agent-lifecycle: created",
                "partitioned topic persistent://arc-system/logs/application: created",
                "partitioned topic persistent://arc-system/audit/command-log: created",
            ],
            report.Applied);
        Assert.Empty(report.Drift);
    }

    [Fact]
    public async Task A_409_means_present_and_what_is_there_is_read_back_unchanged()
    {
        await using var server = new RecordedHttpServer(EverythingPresent());

        var report = await ProvisionAsync(server);

        Assert.All(report.Applied, line => Assert.EndsWith(": unchanged", line));
        Assert.Equal(9, report.Applied.Count);
        Assert.Empty(report.Drift);
        Assert.DoesNotContain(server.Requests, r => r.Method is not ("GET" or "PUT"));
    }

    [Fact]
    public async Task A_different_partition_count_is_drift_and_nothing_is_changed()
    {
        var routes = EverythingPresent();
        routes[$"GET {AgentLifecycle}"] = (200, Recorded("partitioned-topic.metadata-2.json"));
        await using var server = new RecordedHttpServer(routes);

        var report = await ProvisionAsync(server);

        Assert.Contains("partitioned topic persistent://arc-system/events/agent-lifecycle: drift", report.Applied);
        var drift = Assert.Single(report.Drift);
        Assert.Contains("persistent://arc-system/events/agent-lifecycle", drift);
        Assert.Contains("partitions declared 3, the server has 2", drift);
        // One PUT (answered 409) and one GET per topic: no repartition, no delete.
        Assert.Equal([$"PUT {AgentLifecycle}", $"GET {AgentLifecycle}"],
            server.Requests.Where(r => r.Path == AgentLifecycle).Select(r => $"{r.Method} {r.Path}"));
    }

    [Fact]
    public async Task A_tenant_without_a_declared_cluster_is_drift()
    {
        var routes = EverythingPresent();
        routes["GET /admin/v2/tenants/arc"] = (200, """{"adminRoles":[],"allowedClusters":[]}""");
        await using var server = new RecordedHttpServer(routes);

        var report = await ProvisionAsync(server);

        var drift = Assert.Single(report.Drift);
        Assert.StartsWith("tenant arc: allowed_clusters declares [standalone], the server has []", drift);
    }

    [Fact]
    public async Task A_5xx_fails_with_one_line_naming_the_call_and_Pulsars_reason()
    {
        var routes = NothingPresent();
        routes[$"PUT {Application}"] = (500, Recorded("admin.error-500.json"));
        await using var server = new RecordedHttpServer(routes);

        var error = await Assert.ThrowsAsync<DriverException>(() => ProvisionAsync(server));

        Assert.Equal($"Pulsar admin PUT {Application}: HTTP 500 Failed to create partitioned topic: metadata store is not available", error.Message);
        Assert.DoesNotContain(server.Requests, r => r.Path == CommandLog);
    }

    [Fact]
    public async Task A_412_for_an_unknown_cluster_fails_naming_the_tenant()
    {
        var routes = NothingPresent();
        routes["PUT /admin/v2/tenants/arc-system"] = (412, Recorded("tenant.clusters-do-not-exist-412.json"));
        await using var server = new RecordedHttpServer(routes);

        var error = await Assert.ThrowsAsync<DriverException>(() => ProvisionAsync(server));

        Assert.Equal("Pulsar admin PUT /admin/v2/tenants/arc-system: HTTP 412 Clusters do not exist", error.Message);
    }

    [Fact]
    public async Task A_server_that_never_answers_fails_after_the_bound_with_a_clear_error()
    {
        var routes = NothingPresent();
        routes["PUT /admin/v2/namespaces/arc-system/logs"] = (NoAnswer, "");
        await using var server = new RecordedHttpServer(routes);

        var error = await Assert.ThrowsAsync<DriverException>(() =>
            TopicsOperations.ApplyFileAsync(server.Url, Topics, CancellationToken.None, TimeSpan.FromMilliseconds(300)));

        Assert.Equal("Pulsar admin PUT /admin/v2/namespaces/arc-system/logs: no answer within 300 ms", error.Message);
    }

    [Fact]
    public async Task A_closed_admin_port_fails_with_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<DriverException>(() =>
            Pulsar.ProvisionAsync(SampleServices.Pulsar(FreePorts.Next(), FreePorts.Next(), StreamingDir), Root, CancellationToken.None));

        Assert.StartsWith("Pulsar admin PUT /admin/v2/tenants/arc-system: ", error.Message);
    }

    [Fact]
    public async Task Without_a_topics_file_there_is_nothing_to_provision()
    {
        using var empty = new TempDirectory();
        await using var server = new RecordedHttpServer([]);

        var report = await Pulsar.ProvisionAsync(SampleServices.Pulsar(FreePorts.Next(), server.Port, empty.Path), empty.Path, CancellationToken.None);

        Assert.Empty(report.Applied);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task List_shows_each_resource_and_whether_it_exists()
    {
        await using var server = new RecordedHttpServer(new()
        {
            ["GET /admin/v2/tenants/arc-system"] = (200, Recorded("tenant.arc-system.json")),
            ["GET /admin/v2/namespaces/arc-system"] = (200, Recorded("namespaces.arc-system.json")),
            [$"GET {AgentLifecycle}"] = (200, Recorded("partitioned-topic.metadata-2.json")),
            [$"GET {Application}"] = (200, Recorded("partitioned-topic.metadata-4.json")),
        });
        var provisioner = new PulsarProvisioner(new PulsarAdminClient(server.Url, PulsarAdminClient.DefaultTimeout));

        var listing = await provisioner.ListAsync(TopicsFile.Load(TopicsFile.PathUnder(Root)), CancellationToken.None);

        Assert.Equal(
            [
                "Tenant arc-system True", "Tenant arc False",
                "Namespace arc-system/events True", "Namespace arc-system/logs True", "Namespace arc-system/audit True",
                "Namespace arc/default False",
                "PartitionedTopic persistent://arc-system/events/agent-lifecycle True",
                "PartitionedTopic persistent://arc-system/logs/application True",
                "PartitionedTopic persistent://arc-system/audit/command-log False",
            ],
            listing.Select(r => $"{r.Kind} {r.Name} {r.Exists}"));
        Assert.Contains("partitions declared 3, the server has 2", Assert.Single(listing.SelectMany(r => r.Drift)));
        Assert.All(server.Requests, r => Assert.Equal("GET", r.Method));
    }

    [Fact]
    public async Task List_fails_clearly_when_the_admin_api_errors()
    {
        await using var server = new RecordedHttpServer(new() { ["GET /admin/v2/tenants/arc-system"] = (500, Recorded("admin.error-500.json")) });
        var provisioner = new PulsarProvisioner(new PulsarAdminClient(server.Url, PulsarAdminClient.DefaultTimeout));

        var error = await Assert.ThrowsAsync<DriverException>(() =>
            provisioner.ListAsync(TopicsFile.Load(TopicsFile.PathUnder(Root)), CancellationToken.None));

        Assert.StartsWith("Pulsar admin GET /admin/v2/tenants/arc-system: HTTP 500", error.Message);
    }
}
