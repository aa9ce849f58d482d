using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Verify;

/// <summary>
/// A technology's capability: which names in its declared-resource file and in a consumer's entry of
/// services/consumers.yaml its server would refuse, each at its node, for `verify`'s names-well-formed.
/// </summary>
public interface INameRules
{
    /// <summary>What it checks, for the rule's description ("NATS subjects (streams.yaml, consumers.yaml)").</summary>
    string NamesChecked { get; }

    /// <summary>The file of a service that declares names (streams.yaml), read as plain YAML.</summary>
    string NamesFile { get; }

    /// <summary>Each name of <see cref="NamesFile"/> with why the server would refuse it (null: accepted).</summary>
    IEnumerable<(YamlNode Node, string? Problem)> DeclaredNames(YamlNode root);

    /// <summary>Each name in one consumer's entry, with why the server would refuse it (null: accepted).</summary>
    IEnumerable<(YamlNode Node, string? Problem)> ConsumerNames(YamlNode consumer);
}
