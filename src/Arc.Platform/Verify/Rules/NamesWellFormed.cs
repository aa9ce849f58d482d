using Arc.Platform.Consumers;
using Arc.Platform.Technologies.Nats;
using Arc.Platform.Technologies.Pulsar;
using Arc.Platform.Verify.Files;
using Arc.Platform.Yaml;
using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Verify.Rules;

/// <summary>
/// Every NATS subject and Pulsar name is well formed where it is declared (streams.yaml, consumers.yaml,
/// topics.yaml), each located at its own line: the servers refuse a bad one only at `up`. Reads the files
/// as plain YAML, so every bad name is listed, not only the first one the strict loaders stop at.
/// </summary>
public sealed class NamesWellFormed : Rule
{
    public override string Id => "names-well-formed";
    public override string Description => "NATS subjects (streams.yaml, consumers.yaml) and Pulsar tenant, namespace and topic names (topics.yaml, consumers.yaml) are ones the servers accept";

    public override IEnumerable<Violation> Check(RepoSnapshot repo)
    {
        var violations = new List<Violation>();
        Each(repo, StreamsFile.RelativePath, violations, root =>
            Yml.Items(Yml.Child(root, "streams")).SelectMany(s => Subjects(Yml.Child(s, "subjects"))));
        Each(repo, ConsumersFile.RelativePath, violations, root =>
            Yml.Child(root, "consumers") is YamlMappingNode consumers ? consumers.Children.Values.SelectMany(Consumer) : []);
        Each(repo, TopicsFile.RelativePath, violations, root =>
            Yml.Items(Yml.Child(root, "tenants")).Select(t => Yml.Child(t, "name")).OfType<YamlNode>().Select(n => (n, Tenant(n)))
                .Concat(Yml.Items(Yml.Child(root, "namespaces")).Select(n => (n, Text(n, PulsarName.NamespaceProblem))))
                .Concat(Yml.Items(Yml.Child(root, "partitioned_topics")).Select(t => Yml.Child(t, "topic")).OfType<YamlNode>().Select(n => (n, Text(n, PulsarName.TopicProblem)))));
        return violations;
    }

    /// <summary>A consumer's stream and plain subjects, and its Pulsar needs.</summary>
    private static IEnumerable<(YamlNode, string?)> Consumer(YamlNode consumer)
    {
        var pulsar = Yml.Child(consumer, "pulsar");
        return Yml.Items(Yml.Child(consumer, "streams")).SelectMany(s => Subjects(Yml.Child(s, "subjects")))
            .Concat(Subjects(Yml.Child(Yml.Child(consumer, "nats"), "subjects")))
            .Concat(Yml.Items(Yml.Child(pulsar, "tenants")).Select(n => (n, Tenant(n))))
            .Concat(Yml.Items(Yml.Child(pulsar, "namespaces")).Select(n => (n, Text(n, PulsarName.NamespaceProblem))))
            .Concat(Yml.Items(Yml.Child(pulsar, "partitioned_topics")).Select(t => Yml.Child(t, "topic")).OfType<YamlNode>().Select(n => (n, Text(n, PulsarName.TopicProblem))));
    }

    private static IEnumerable<(YamlNode, string?)> Subjects(YamlNode? list) =>
        Yml.Items(list).Select(n => (n, Text(n, NatsSubject.Problem)));

    private static string? Tenant(YamlNode node) => Text(node, name => PulsarName.Problem(name, "tenant name"));

    // A non-scalar entry is the strict loader's to refuse (with its own message); only text is judged here.
    private static string? Text(YamlNode node, Func<string, string?> problem) => node is YamlScalarNode { Value: { } text } ? problem(text) : null;

    /// <summary>The problems <paramref name="names"/> finds in <paramref name="file"/>; a file that is absent or not YAML is the loaders' rules' to report.</summary>
    private void Each(RepoSnapshot repo, string file, List<Violation> violations, Func<YamlNode, IEnumerable<(YamlNode Node, string? Problem)>> names)
    {
        if (!repo.Exists(file) || repo.Yaml(file).Value is not YamlFile yaml || yaml.Root is null)
            return;
        foreach (var (node, problem) in names(yaml.Root))
            if (problem is not null)
                violations.Add(At(file, Yml.Line(node), problem));
    }
}
