using Arc.Platform.Kubernetes;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;
using Arc.Platform.Technologies.Nats;

namespace Arc.Platform.Tests.Kubernetes;

/// <summary>`arc k8s`'s help is what the technologies' charts say of themselves; `--out` refuses what it cannot write.</summary>
[Trait("Tier", "unit")]
public sealed class KubernetesHelpAndWriteTests
{
    [Fact]
    public void The_help_lists_every_registered_chart_and_a_catalog_without_one_drops_it()
    {
        var all = TechnologyFacts.Catalog;
        Assert.Equal("Kubernetes through the official Helm charts (nats, nack, pulsar, valkey); rendering needs no cluster", KubernetesHelp.Command(all));
        Assert.Equal("Write chart values, NACK Stream objects, the Pulsar topics Job and install.sh for the official charts", KubernetesHelp.Render(all));
        Assert.Equal("one-node: one pod per server; ha: three NATS nodes with R3 streams, Pulsar at the chart's defaults, Valkey primary + 2 replicas",
            KubernetesHelp.Profile(all));

        var natsOnly = new TechnologyCatalog([new NatsTechnology()]);
        Assert.Equal("Kubernetes through the official Helm charts (nats, nack); rendering needs no cluster", KubernetesHelp.Command(natsOnly));
    }

    [Fact]
    public void Out_on_a_file_is_a_usage_error_naming_it()
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "taken");
        File.WriteAllText(file, "mine");

        var error = Assert.Throws<UsageException>(() => KubernetesRender.WriteInto(Rendering(), file));

        Assert.Equal($"--out {file}: is a file, not a directory", error.Message);
        Assert.Equal("mine", File.ReadAllText(file));
    }

    [Fact]
    public void Out_under_a_file_cannot_be_written_and_says_so()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(Path.Combine(temp.Path, "taken"), "mine");
        var under = Path.Combine(temp.Path, "taken", "render");

        var error = Assert.Throws<UsageException>(() => KubernetesRender.WriteInto(Rendering(), under));

        Assert.StartsWith($"--out {under}: cannot write there: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_relative_is_written_and_returned_as_a_full_path()
    {
        using var temp = new TempDirectory();
        var directory = KubernetesRender.WriteInto(Rendering(), Path.Combine(temp.Path, "a", "..", "render"));

        Assert.Equal(Path.Combine(temp.Path, "render"), directory);
        Assert.True(File.Exists(Path.Combine(directory, KubernetesRender.InstallScriptFile)));
    }

    private static KubernetesRendering Rendering() =>
        KubernetesRender.Render(ServiceRegistry.Load(TempRepo.RealRoot), TechnologyFacts.Catalog, KubernetesProfile.OneNode);
}
