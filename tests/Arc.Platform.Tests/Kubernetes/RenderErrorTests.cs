using Arc.Platform.Technologies.Nats.Kubernetes;

namespace Arc.Platform.Tests.Kubernetes;

/// <summary>
/// Every way `arc k8s render` refuses what services/ says, through the command as a user runs it: one
/// located line naming the file and the fact the chart value would be derived from, nothing written.
/// </summary>
[Trait("Tier", "unit")]
public sealed class RenderErrorTests
{
    public static TheoryData<string, string, string, string> Breaks() => new()
    {
        { "services/messaging/docker-compose.yml", "\"--config\", \"/etc/nats/jetstream.conf\", ", "", "passes no --config file: the NATS chart's JetStream volume is sized from its max_file_store" },
        { "services/messaging/jetstream.conf", "jetstream {", "js {", "no 'jetstream { ... }' block" },
        { "services/messaging/jetstream.conf", "max_file_store: 1GB", "", "the jetstream block sets no max_file_store" },
        { "services/messaging/jetstream.conf", "max_file_store: 1GB", "max_file_store: 1ZB", "max_file_store: unknown size unit 'ZB'" },
        { "services/messaging/jetstream.conf", "max_file_store: 1GB", "max_file_store: 99999999999GB", "max_file_store is too large" },
        { "services/messaging/streams.yaml", "- name: AGENT_COMMANDS", "- name: _AGENT_COMMANDS", "stream '_AGENT_COMMANDS' has no Kubernetes object name: '-agent-commands' must start and end with a letter or digit" },
        { "services/cache/docker-compose.yml", "\"--maxmemory\", \"512mb\"", "\"--maxmemory\", \"lots\"", "--maxmemory 'lots' is not a redis size" },
        { "services/cache/docker-compose.yml", "\"--maxmemory\", \"512mb\", ", "", "sets no --maxmemory: the Valkey volume is sized from it" },
        { "services/streaming/topics.yaml", "  - name: arc\n    allowed_clusters: [standalone]", "  - name: arc\n    allowed_clusters: [elsewhere]", "tenants allow 2 clusters (standalone, elsewhere)" },
        { "services/messaging/docker-compose.yml", "  arc-messaging:\n", "  arc-messaging-renamed:\n", "no service 'arc-messaging' under 'services'" },
    };

    [Theory]
    [MemberData(nameof(Breaks))]
    public async Task A_fact_the_chart_values_cannot_be_derived_from_is_a_located_error_and_nothing_is_written(string file, string from, string to, string expected)
    {
        using var repo = TempRepo.CopyOfRealRepo();
        Assert.Contains(from, repo.Read(file), StringComparison.Ordinal);
        repo.Write(file, repo.Read(file).Replace(from, to, StringComparison.Ordinal));
        var output = Path.Combine(repo.Root, "rendered");

        var render = await ArcRunner.RunAsync("--root", repo.Root, "k8s", "render", "--out", output);

        Assert.Equal(2, render.ExitCode);
        Assert.Contains(expected, render.Err, StringComparison.Ordinal);
        Assert.Contains(file.Split('/')[^1], render.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output), "a refused render wrote files");
    }

    [Fact]
    public async Task A_config_file_named_by_the_compose_command_but_missing_is_named()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        File.Delete(repo.PathOf("services/messaging/jetstream.conf"));

        var render = await ArcRunner.RunAsync("--root", repo.Root, "k8s", "render", "--out", Path.Combine(repo.Root, "rendered"));

        Assert.Equal(2, render.ExitCode);
        Assert.Contains("jetstream.conf:1:1: file not found; --config /etc/nats/jetstream.conf names it", render.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_topics_file_without_tenants_leaves_the_pulsar_charts_own_cluster_name()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        repo.Write("services/streaming/topics.yaml", "tenants: []\nnamespaces: []\npartitioned_topics: []\n");
        var output = Path.Combine(repo.Root, "rendered");

        var render = await ArcRunner.RunAsync("--root", repo.Root, "k8s", "render", "--out", output);

        Assert.Equal(0, render.ExitCode);
        var values = File.ReadAllText(Path.Combine(output, "arc-streaming", "values.yaml"));
        Assert.DoesNotContain("clusterName", values, StringComparison.Ordinal);
        Assert.Contains("fullnameOverride: arc-streaming", values, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Arc")]
    [InlineData("arc_platform")]
    [InlineData("-arc")]
    [InlineData("arc-")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public async Task A_namespace_that_is_not_a_DNS_label_is_a_usage_error(string ns)
    {
        var env = await ArcRunner.RunAsync("--root", TempRepo.RealRoot, "env", "--network", "kubernetes", "--namespace", ns);

        Assert.Equal(2, env.ExitCode);
        Assert.Contains($"--namespace {ns}: a Kubernetes namespace is lower-case letters, digits and '-'", env.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_namespace_without_the_kubernetes_network_is_a_usage_error_and_63_characters_are_enough()
    {
        var alone = await ArcRunner.RunAsync("--root", TempRepo.RealRoot, "env", "--namespace", "team-a");
        var longest = await ArcRunner.RunAsync("--root", TempRepo.RealRoot, "env", "--network", "kubernetes", "--namespace", new string('a', 63), "flash");

        Assert.Equal(2, alone.ExitCode);
        Assert.Contains("--namespace applies only with --network kubernetes", alone.Err, StringComparison.Ordinal);
        Assert.Equal(0, longest.ExitCode);
        Assert.Contains($"arc-messaging.{new string('a', 63)}.svc.cluster.local", longest.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(-5, "0s")]
    [InlineData(90, "1m30s")]
    [InlineData(3600, "1h")]
    [InlineData(7 * 86400, "168h")]
    [InlineData(25 * 3600 + 61, "25h1m1s")]
    public void Durations_are_written_as_Go_reads_them(int seconds, string expected) =>
        Assert.Equal(expected, NackStreams.GoDuration(TimeSpan.FromSeconds(seconds)));
}
