using System.Text.RegularExpressions;

namespace Arc.Platform.Technologies.Pulsar;

/// <summary>
/// Pulsar's rule for tenant, namespace and topic names (its NamedEntity check: letters, digits and
/// - = : . _), and the shape of a topic (persistent://tenant/namespace/topic), shared by topics.yaml
/// and consumers.yaml so a name Pulsar would refuse is an error where it is written.
/// </summary>
public static partial class PulsarName
{
    /// <summary>Why <paramref name="name"/> is no valid <paramref name="what"/> ("tenant name" ...), or null.</summary>
    public static string? Problem(string name, string what) =>
        Allowed().IsMatch(name) ? null : $"{what} '{name}' may hold only letters, digits and - = : . _ (Pulsar refuses others)";

    /// <summary>Why <paramref name="path"/> is no tenant/namespace, or null.</summary>
    public static string? NamespaceProblem(string path) => path.Split('/') is [var tenant, var name]
        ? Problem(tenant, "tenant name") ?? Problem(name, "namespace name")
        : $"namespace '{path}' must be written tenant/namespace";

    /// <summary>Why <paramref name="topic"/> is no persistent:// or non-persistent:// topic with valid names, or null.</summary>
    public static string? TopicProblem(string topic)
    {
        var match = TopicShape().Match(topic);
        if (!match.Success)
            return $"'{topic}' is not a topic name like persistent://tenant/namespace/topic";
        return Problem(match.Groups[1].Value, "tenant name") ?? Problem(match.Groups[2].Value, "namespace name") ?? Problem(match.Groups[3].Value, "topic name");
    }

    [GeneratedRegex("^[A-Za-z0-9_.:=-]+$")]
    private static partial Regex Allowed();

    [GeneratedRegex("^(?:persistent|non-persistent)://([^/]*)/([^/]*)/([^/]*)$")]
    private static partial Regex TopicShape();
}
