using System.Net;
using System.Text;
using Arc.Platform.Technologies.Pulsar;
using Xunit;
using static Arc.Platform.Tests.TestKit.RecordedHttpServer;

namespace Arc.Platform.Tests.Technologies.Pulsar;

/// <summary>
/// Cortex's own Pulsar bootstrap, replayed call for call against recorded admin answers: on a
/// fresh Pulsar (every PUT 204) and after `arc up strange` provisioned (every PUT 409). Cortex must
/// complete both ways, and arc must ask Pulsar for exactly what Cortex asks for, or the two would
/// disagree about the same resources. Not a live Pulsar (see Recorded/README.md).
/// </summary>
[Trait("Tier", "unit")]
public class CortexPulsarBootstrapTests
{
    private static readonly string Root = SampleServices.RepositoryRoot()!;

    /// <summary>Cortex's calls in its order (services/cortex/internal/clients/pulsar.go, Provision then Probe).</summary>
    private static readonly string[] CortexCalls =
    [
        """PUT /admin/v2/tenants/arc-system {"allowedClusters":["standalone"]}""",
        "PUT /admin/v2/namespaces/arc-system/events",
        "PUT /admin/v2/namespaces/arc-system/logs",
        "PUT /admin/v2/namespaces/arc-system/audit",
        "PUT /admin/v2/persistent/arc-system/events/agent-lifecycle/partitions 3",
        "PUT /admin/v2/persistent/arc-system/logs/application/partitions 4",
        "PUT /admin/v2/persistent/arc-system/audit/command-log/partitions 1",
        "GET /admin/v2/tenants",
    ];

    [Fact]
    public async Task Cortex_bootstraps_a_fresh_Pulsar_with_its_exact_calls()
    {
        await using var server = new RecordedHttpServer(Routes(created: true));

        await CortexPulsarClient.ProvisionAsync(server.Url);
        var probe = await CortexPulsarClient.ProbeAsync(server.Url);

        Assert.Equal(HttpStatusCode.OK, probe);
        Assert.Equal(CortexCalls, server.Requests.Select(r => r.ToString()));
    }

    [Fact]
    public async Task Cortex_bootstraps_after_arc_provisioned_because_409_is_done()
    {
        await using var server = new RecordedHttpServer(Routes(created: false));

        await CortexPulsarClient.ProvisionAsync(server.Url);
        var probe = await CortexPulsarClient.ProbeAsync(server.Url);

        Assert.Equal(HttpStatusCode.OK, probe);
        Assert.Equal(CortexCalls, server.Requests.Select(r => r.ToString()));
    }

    [Fact]
    public async Task Cortex_stops_at_the_first_answer_that_is_neither_204_nor_409()
    {
        var routes = Routes(created: true);
        routes["PUT /admin/v2/namespaces/arc-system/logs"] = (500, Recorded("admin.error-500.json"));
        await using var server = new RecordedHttpServer(routes);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => CortexPulsarClient.ProvisionAsync(server.Url));

        Assert.Equal("PUT namespace arc-system/logs returned HTTP 500", error.Message);
        Assert.Equal(CortexCalls[..3], server.Requests.Select(r => r.ToString()));
    }

    [Fact]
    public async Task Arc_creates_each_of_Cortexs_resources_with_the_same_request_Cortex_sends()
    {
        var routes = Routes(created: true);
        routes["PUT /admin/v2/tenants/arc"] = (204, "");
        routes["PUT /admin/v2/namespaces/arc/default"] = (204, "");
        await using var server = new RecordedHttpServer(routes);
        await new PulsarTechnology().ProvisionAsync(SampleServices.Pulsar(FreePorts.Next(), server.Port, Path.Combine(Root, "services", "streaming")), Root, CancellationToken.None);
        var arcCalls = server.Requests.Select(r => r.ToString()).ToList();

        foreach (var cortexPut in CortexCalls.Where(c => c.StartsWith("PUT ", StringComparison.Ordinal)))
            Assert.Contains(cortexPut, arcCalls);
    }

    [Fact]
    public async Task Cortex_first_then_arc_reports_every_Cortex_resource_unchanged()
    {
        // What Cortex left behind answers arc's PUTs with 409 and its read-backs with what Cortex created.
        var routes = Routes(created: false);
        routes["GET /admin/v2/tenants/arc-system"] = (200, Recorded("tenant.arc-system.json"));
        routes["GET /admin/v2/persistent/arc-system/events/agent-lifecycle/partitions"] = (200, Recorded("partitioned-topic.metadata-3.json"));
        routes["GET /admin/v2/persistent/arc-system/logs/application/partitions"] = (200, Recorded("partitioned-topic.metadata-4.json"));
        routes["GET /admin/v2/persistent/arc-system/audit/command-log/partitions"] = (200, Recorded("partitioned-topic.metadata-1.json"));
        // The reasoner's tenant and namespace are arc's alone: Cortex never creates them.
        routes["PUT /admin/v2/tenants/arc"] = (204, "");
        routes["PUT /admin/v2/namespaces/arc/default"] = (204, "");
        await using var server = new RecordedHttpServer(routes);

        var report = await new PulsarTechnology().ProvisionAsync(SampleServices.Pulsar(FreePorts.Next(), server.Port, Path.Combine(Root, "services", "streaming")), Root, CancellationToken.None);

        Assert.Equal(
            [
                "tenant arc-system: unchanged", "tenant arc: created",
                "namespace arc-system/events: unchanged", "namespace arc-system/logs: unchanged",
                "namespace arc-system/audit: unchanged", "namespace arc/default: created",
                "partitioned topic persistent://arc-system/events/agent-lifecycle: unchanged",
                "partitioned topic persistent://arc-system/logs/application: unchanged",
                "partitioned topic persistent://arc-system/audit/command-log: unchanged",
            ],
            report.Applied);
        Assert.Empty(report.Drift);
    }

    /// <summary>Every route Cortex calls: its PUTs answered created (204) or already there (409), and the probe.</summary>
    private static Dictionary<string, (int, string)> Routes(bool created)
    {
        (int, string) Answer(string existsFile) => created ? (204, "") : (409, Recorded(existsFile));
        return new()
        {
            ["PUT /admin/v2/tenants/arc-system"] = Answer("tenant.exists-409.json"),
            ["PUT /admin/v2/namespaces/arc-system/events"] = Answer("namespace.exists-409.json"),
            ["PUT /admin/v2/namespaces/arc-system/logs"] = Answer("namespace.exists-409.json"),
            ["PUT /admin/v2/namespaces/arc-system/audit"] = Answer("namespace.exists-409.json"),
            ["PUT /admin/v2/persistent/arc-system/events/agent-lifecycle/partitions"] = Answer("partitioned-topic.exists-409.json"),
            ["PUT /admin/v2/persistent/arc-system/logs/application/partitions"] = Answer("partitioned-topic.exists-409.json"),
            ["PUT /admin/v2/persistent/arc-system/audit/command-log/partitions"] = Answer("partitioned-topic.exists-409.json"),
            ["GET /admin/v2/tenants"] = (200, Recorded("tenants.standalone.json")),
        };
    }

    /// <summary>
    /// Cortex's PulsarClient as its source behaves (arc-framework/arc-platform,
    /// services/cortex/internal/clients/pulsar.go): tenant from CORTEX_BOOTSTRAP_PULSAR_TENANT
    /// (default arc-system), its fixed namespaces and topics, in that order; a PUT carries
    /// Content-Type application/json only when it has a body; 204 and 409 are success, anything
    /// else stops the sequence. The circuit breaker around the calls is left out: it changes
    /// nothing on a run where every call answers.
    /// </summary>
    private static class CortexPulsarClient
    {
        private const string Tenant = "arc-system";
        private static readonly string[] Namespaces = ["events", "logs", "audit"];
        private static readonly (string Namespace, string Topic, int Partitions)[] Topics =
            [("events", "agent-lifecycle", 3), ("logs", "application", 4), ("audit", "command-log", 1)];

        private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false });

        public static async Task ProvisionAsync(string adminUrl)
        {
            await PutAsync($"{adminUrl}/admin/v2/tenants/{Tenant}", """{"allowedClusters":["standalone"]}""", $"tenant {Tenant}");
            foreach (var ns in Namespaces)
                await PutAsync($"{adminUrl}/admin/v2/namespaces/{Tenant}/{ns}", null, $"namespace {Tenant}/{ns}");
            foreach (var (ns, topic, partitions) in Topics)
                await PutAsync($"{adminUrl}/admin/v2/persistent/{Tenant}/{ns}/{topic}/partitions", partitions.ToString(),
                    $"topic persistent://{Tenant}/{ns}/{topic}");
        }

        public static async Task<HttpStatusCode> ProbeAsync(string adminUrl)
        {
            using var response = await Http.GetAsync($"{adminUrl}/admin/v2/tenants");
            return response.StatusCode;
        }

        private static async Task PutAsync(string url, string? body, string label)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, url);
            if (body is not null)
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await Http.SendAsync(request);
            if (response.StatusCode is not (HttpStatusCode.NoContent or HttpStatusCode.Conflict))
                throw new InvalidOperationException($"PUT {label} returned HTTP {(int)response.StatusCode}");
        }
    }
}
