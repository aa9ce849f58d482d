using Arc.Platform.Verify;
using Arc.Platform.Yaml;
using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Technologies.Pulsar;

/// <summary>Pulsar tenant, namespace and topic names in a service's topics.yaml and in a consumer's <c>pulsar:</c>.</summary>
public sealed partial class PulsarTechnology : INameRules
{
    public string NamesChecked => "Pulsar tenant, namespace and topic names (topics.yaml, consumers.yaml)";

    public string NamesFile => TopicsOperations.FileName;

    public IEnumerable<(YamlNode Node, string? Problem)> DeclaredNames(YamlNode root) =>
        Yml.Items(Yml.Child(root, "tenants")).Select(t => Yml.Child(t, "name")).OfType<YamlNode>().Select(n => (n, Text(n, Tenant)))
            .Concat(Namespaces(root)).Concat(Topics(root));

    public IEnumerable<(YamlNode Node, string? Problem)> ConsumerNames(YamlNode consumer)
    {
        var pulsar = Yml.Child(consumer, "pulsar");
        return Yml.Items(Yml.Child(pulsar, "tenants")).Select(n => (n, Text(n, Tenant))).Concat(Namespaces(pulsar)).Concat(Topics(pulsar));
    }

    private static IEnumerable<(YamlNode, string?)> Namespaces(YamlNode? parent) =>
        Yml.Items(Yml.Child(parent, "namespaces")).Select(n => (n, Text(n, PulsarName.NamespaceProblem)));

    private static IEnumerable<(YamlNode, string?)> Topics(YamlNode? parent) =>
        Yml.Items(Yml.Child(parent, "partitioned_topics")).Select(t => Yml.Child(t, "topic")).OfType<YamlNode>().Select(n => (n, Text(n, PulsarName.TopicProblem)));

    private static string? Tenant(string name) => PulsarName.Problem(name, "tenant name");

    // A non-scalar entry is the strict loader's to refuse (with its own message); only text is judged here.
    private static string? Text(YamlNode node, Func<string, string?> problem) => node is YamlScalarNode { Value: { } text } ? problem(text) : null;
}
