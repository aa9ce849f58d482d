using Arc.Platform.Kubernetes;
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

    private static HashSet<string> KnownPaths(string chart) =>
        [.. File.ReadAllLines(Path.Combine(KeysRoot, chart + ".txt")).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split(' ')[0])];

    private static IEnumerable<string> LeafPaths(YamlNode node, string prefix) => node is YamlMappingNode { Children.Count: > 0 } map
        ? map.Children.SelectMany(e => LeafPaths(e.Value, prefix.Length == 0 ? ((YamlScalarNode)e.Key).Value! : $"{prefix}.{((YamlScalarNode)e.Key).Value}"))
        : [prefix];

    /// <summary>A NACK Stream as Kubernetes sees it: the spec is checked against the CRD's schema elsewhere.</summary>
    public sealed class NackStream : IKubernetesObject<V1ObjectMeta>
    {
        public string ApiVersion { get; set; } = "";
        public string Kind { get; set; } = "";
        public V1ObjectMeta Metadata { get; set; } = new();
        public Dictionary<string, object> Spec { get; set; } = [];
    }
}
