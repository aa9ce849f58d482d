using Arc.Platform.Verify;
using Arc.Platform.Yaml;
using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Technologies.Nats;

/// <summary>NATS subjects in a service's streams.yaml and in a consumer's streams and plain subjects.</summary>
public sealed partial class NatsTechnology : INameRules
{
    public string NamesChecked => "NATS subjects (streams.yaml, consumers.yaml)";

    public string NamesFile => StreamsOperations.FileName;

    public IEnumerable<(YamlNode Node, string? Problem)> DeclaredNames(YamlNode root) =>
        Yml.Items(Yml.Child(root, "streams")).SelectMany(s => Subjects(Yml.Child(s, "subjects")));

    public IEnumerable<(YamlNode Node, string? Problem)> ConsumerNames(YamlNode consumer) =>
        DeclaredNames(consumer).Concat(Subjects(Yml.Child(Yml.Child(consumer, "nats"), "subjects")));

    // A non-scalar entry is the strict loader's to refuse (with its own message); only text is judged here.
    private static IEnumerable<(YamlNode, string?)> Subjects(YamlNode? list) =>
        Yml.Items(list).Select(n => (n, n is YamlScalarNode { Value: { } text } ? NatsSubject.Problem(text) : null));
}
