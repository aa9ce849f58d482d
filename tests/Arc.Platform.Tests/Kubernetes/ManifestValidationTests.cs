using Arc.Platform.Kubernetes;
using System.Text.Json;
using Json.Schema;
using k8s;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Tests.Kubernetes;

/// <summary>
/// Validation without a cluster: every manifest loads strictly with the KubernetesClient library
/// (an unknown field fails), and every values key path is one the chart's values.yaml has (ChartKeys/).
/// </summary>
public sealed class ManifestValidationTests
{
    private static readonly string KeysRoot = Path.Combine(TempRepo.RealRoot, "tests", "Arc.Platform.Tests", "Kubernetes", "ChartKeys");

    /// <summary>The v1beta2 Stream spec schema of the NACK CRD, recorded from upstream (Schemas/nack-streams-crd.yaml says where).</summary>
    private static readonly JsonSchema StreamSpec =
        CrdSchema.SpecOf(Path.Combine(TempRepo.RealRoot, "tests", "Arc.Platform.Tests", "Kubernetes", "Schemas", "nack-streams-crd.yaml"), "v1beta2");

    [Theory]
    [InlineData(KubernetesProfile.OneNode)]
    [InlineData(KubernetesProfile.Ha)]
    public void Every_values_key_path_is_one_the_chart_has(KubernetesProfile profile)
    {
        foreach (var release in RenderedSnapshotTests.Render(profile).Releases)
        {
            var known = KnownPaths($"{release.Chart.Name}-{release.Chart.Version}");
            var unknown = LeafPaths(release.Values, "").Where(p => !known.Contains(p)).ToList();
            Assert.True(unknown.Count == 0, $"{release.Release}: not keys of {release.Chart.Name} {release.Chart.Version}: {string.Join(", ", unknown)}");
        }
    }

    [Fact]
    public void A_key_the_chart_lacks_is_caught_by_the_table()
    {
        var values = YamlTree.Map(("config", YamlTree.Map(("jetstream", YamlTree.Map(("fileStorage", YamlTree.Str("1Gi")))))));
        Assert.DoesNotContain(LeafPaths(values, "").Single(), KnownPaths("nats-2.14.2"));
    }

    [Theory]
    [InlineData(KubernetesProfile.OneNode)]
    [InlineData(KubernetesProfile.Ha)]
    public void The_topics_job_loads_strictly_as_a_batch_v1_Job(KubernetesProfile profile)
    {
        var job = RenderedSnapshotTests.Render(profile).Files.Single(f => f.RelativePath == "arc-streaming/topics-job.yaml").Content;
        var loaded = KubernetesYaml.Deserialize<V1Job>(job, strict: true);
        Assert.Equal("arc-streaming-topics", loaded.Metadata.Name);
        Assert.Equal("Never", loaded.Spec.Template.Spec.RestartPolicy);
        Assert.Contains("put '/admin/v2/tenants/arc-system' '{\"allowedClusters\":[\"standalone\"]}'", loaded.Spec.Template.Spec.Containers[0].Command[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_loading_refuses_an_unknown_field()
    {
        var job = RenderedSnapshotTests.Render(KubernetesProfile.OneNode).Files.Single(f => f.RelativePath == "arc-streaming/topics-job.yaml").Content;
        Assert.ThrowsAny<Exception>(() => KubernetesYaml.Deserialize<V1Job>(job.Replace("backoffLimit:", "backoffLimitt:", StringComparison.Ordinal), strict: true));
    }

    [Theory]
    [InlineData(KubernetesProfile.OneNode)]
    [InlineData(KubernetesProfile.Ha)]
    public void Stream_objects_load_strictly_with_Kubernetes_metadata(KubernetesProfile profile)
    {
        var streams = RenderedSnapshotTests.Render(profile).Files.Single(f => f.RelativePath == "arc-messaging-nack/streams.yaml").Content;
        var objects = KubernetesYaml.LoadAllFromString(streams, new Dictionary<string, Type> { ["jetstream.nats.io/v1beta2/Stream"] = typeof(NackStream) }, strict: true);
        Assert.Equal(["agent-commands", "agent-events", "system-metrics"], objects.Cast<NackStream>().Select(s => s.Metadata.Name));
    }

    [Theory]
    [InlineData(KubernetesProfile.OneNode)]
    [InlineData(KubernetesProfile.Ha)]
    public void Every_stream_spec_conforms_to_the_NACK_v1beta2_schema(KubernetesProfile profile)
    {
        var specs = StreamSpecs(StreamsFile(profile));

        Assert.Equal(3, specs.Count);
        foreach (var spec in specs)
            Assert.True(StreamSpec.Evaluate(spec, Listed).IsValid, Refusals(spec));
    }

    [Theory]
    [InlineData("maxAge: \"24h\"", "maxAgee: \"24h\"", "maxAgee")]
    [InlineData("storage: file", "storage: disk", "/storage")]
    [InlineData("replicas: 1", "replicas: 0", "/replicas")]
    [InlineData("maxBytes: -1", "maxBytes: \"-1\"", "/maxBytes")]
    [InlineData("name: AGENT_COMMANDS", "name: AGENT.COMMANDS", "/name")]
    public void A_spec_the_schema_refuses_is_caught_naming_the_field(string field, string wrong, string named)
    {
        var streams = StreamsFile(KubernetesProfile.OneNode);
        Assert.Contains(field, streams, StringComparison.Ordinal);

        var refused = StreamSpecs(streams.Replace(field, wrong, StringComparison.Ordinal)).Where(s => !StreamSpec.Evaluate(s, Listed).IsValid).ToList();

        Assert.NotEmpty(refused);
        Assert.Contains(named, Refusals(refused[0]), StringComparison.Ordinal);
    }

    private static readonly EvaluationOptions Listed = new() { OutputFormat = OutputFormat.List };

    private static string StreamsFile(KubernetesProfile profile) =>
        RenderedSnapshotTests.Render(profile).Files.Single(f => f.RelativePath == "arc-messaging-nack/streams.yaml").Content;

    private static List<JsonElement> StreamSpecs(string streams)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(streams));
        return [.. yaml.Documents.Select(d => JsonSerializer.Deserialize<JsonElement>(
            CrdSchema.ToJson(((YamlMappingNode)d.RootNode).Children[new YamlScalarNode("spec")])!.ToJsonString()))];
    }

    private static string Refusals(JsonElement spec)
    {
        var results = StreamSpec.Evaluate(spec, Listed);
        var errors = (results.Details ?? []).Prepend(results).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}"));
        return $"{spec.GetProperty("name")}: " + string.Join("; ", errors);
    }

    private static HashSet<string> KnownPaths(string chart) =>
        [.. File.ReadAllLines(Path.Combine(KeysRoot, chart + ".txt")).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split(' ')[0])];

    private static IEnumerable<string> LeafPaths(YamlNode node, string prefix) => node is YamlMappingNode { Children.Count: > 0 } map
        ? map.Children.SelectMany(e => LeafPaths(e.Value, prefix.Length == 0 ? ((YamlScalarNode)e.Key).Value! : $"{prefix}.{((YamlScalarNode)e.Key).Value}"))
        : [prefix];

    /// <summary>A NACK Stream as Kubernetes sees it: its spec is checked against the CRD's schema (StreamSpec).</summary>
    public sealed class NackStream : IKubernetesObject<V1ObjectMeta>
    {
        public string ApiVersion { get; set; } = "";
        public string Kind { get; set; } = "";
        public V1ObjectMeta Metadata { get; set; } = new();
        public Dictionary<string, object> Spec { get; set; } = [];
    }
}
