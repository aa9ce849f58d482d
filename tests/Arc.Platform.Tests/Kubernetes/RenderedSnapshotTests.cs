using Arc.Platform.Kubernetes;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Tests.Kubernetes;

/// <summary>
/// `arc k8s render` over the repository's own services/, both profiles, against the checked-in
/// expected files (tests/Arc.Platform.Tests/Kubernetes/Snapshots/PROFILE). After an intended change,
/// re-render into that directory with `arc k8s render --profile P --out …` and review the diff.
/// </summary>
public sealed class RenderedSnapshotTests
{
    public static readonly string SnapshotRoot = Path.Combine(TempRepo.RealRoot, "tests", "Arc.Platform.Tests", "Kubernetes", "Snapshots");

    public static KubernetesRendering Render(KubernetesProfile profile, string? root = null)
    {
        using var technologies = new TechnologyCatalogScope();
        return KubernetesRender.Render(ServiceRegistry.Load(root ?? TempRepo.RealRoot), technologies.Catalog, profile);
    }

    [Theory]
    [InlineData("one-node")]
    [InlineData("ha")]
    public async Task The_command_writes_exactly_the_expected_files(string profile)
    {
        using var output = new TempDirectory();
        var result = await ArcRunner.RunAsync("--root", TempRepo.RealRoot, "k8s", "render", "--profile", profile, "--out", output.Path);
        Assert.Equal(0, result.ExitCode);
        var expected = Path.Combine(SnapshotRoot, profile);
        var expectedFiles = Files(expected);
        Assert.Equal(expectedFiles, Files(output.Path));
        foreach (var file in expectedFiles)
            Assert.Equal(File.ReadAllText(Path.Combine(expected, file)), File.ReadAllText(Path.Combine(output.Path, file)));
        if (!OperatingSystem.IsWindows())
            Assert.True(File.GetUnixFileMode(Path.Combine(output.Path, "install.sh")).HasFlag(UnixFileMode.UserExecute));
    }

    [Fact]
    public void Ha_makes_streams_R3_and_NATS_a_three_node_cluster_one_node_R1_and_no_cluster()
    {
        var ha = Render(KubernetesProfile.Ha).Files.ToDictionary(f => f.RelativePath, f => f.Content);
        var one = Render(KubernetesProfile.OneNode).Files.ToDictionary(f => f.RelativePath, f => f.Content);
        Assert.Equal(3, Count(ha["arc-messaging-nack/streams.yaml"], "replicas: 3"));
        Assert.Equal(3, Count(one["arc-messaging-nack/streams.yaml"], "replicas: 1"));
        Assert.Contains("cluster:\n    enabled: true\n    replicas: 3\n", ha["arc-messaging/values.yaml"], StringComparison.Ordinal);
        Assert.Contains("cluster:\n    enabled: false\n", one["arc-messaging/values.yaml"], StringComparison.Ordinal);
        Assert.Contains("replica:\n  enabled: true\n  replicas: 2\n", ha["arc-cache/values.yaml"], StringComparison.Ordinal);
        Assert.Contains("no automatic failover", ha["install.sh"], StringComparison.Ordinal);
        Assert.DoesNotContain("no automatic failover", one["install.sh"], StringComparison.Ordinal);
    }

    [Fact]
    public void Install_script_installs_each_release_with_its_pinned_version_then_its_manifests()
    {
        var script = Render(KubernetesProfile.OneNode).Files.Single(f => f.RelativePath == "install.sh").Content;
        string[] inOrder =
        [
            "helm upgrade --install arc-messaging nats/nats --version 2.14.2 ",
            "helm upgrade --install arc-messaging-nack nats/nack --version 0.34.0 ",
            "kubectl apply --namespace \"$NAMESPACE\" -f arc-messaging-nack/streams.yaml",
            "helm upgrade --install arc-streaming apachepulsar/pulsar --version 4.7.0 ",
            "kubectl delete --namespace \"$NAMESPACE\" --ignore-not-found job/arc-streaming-topics",
            "kubectl apply --namespace \"$NAMESPACE\" -f arc-streaming/topics-job.yaml",
        ];
        var positions = inOrder.Select(line => script.IndexOf(line, StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order().ToList(), positions);
        Assert.Contains("helm upgrade --install arc-cache valkey/valkey --version 0.11.0 ", script, StringComparison.Ordinal);
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static List<string> Files(string directory) =>
        [.. Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(directory, f)).Order(StringComparer.Ordinal)];

    private sealed class TechnologyCatalogScope : IDisposable
    {
        public TechnologyCatalog Catalog { get; } = TechnologyCatalog.CreateDefault();

        public void Dispose() => TestSync.Run(() => Catalog.DisposeAsync().AsTask());
    }
}
