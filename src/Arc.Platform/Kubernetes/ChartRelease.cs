using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Kubernetes;

/// <summary>An official chart as `helm repo add` and `helm upgrade --install` name it; never a vendored copy.</summary>
/// <param name="Repository">The local repository name (`helm repo add nats …`).</param>
/// <param name="RepositoryUrl">Where the chart repository is published.</param>
/// <param name="Name">The chart's name in that repository.</param>
/// <param name="Version">The chart version the values were written against (helm's <c>--version</c>).</param>
public sealed record ChartSource(string Repository, string RepositoryUrl, string Name, string Version)
{
    public string Reference => $"{Repository}/{Name}";
}

/// <summary>
/// A manifest to apply with kubectl once its release is installed (NACK Stream objects need the
/// NACK CRDs; the Pulsar provisioning Job needs a broker), as a file name and its YAML text.
/// </summary>
public sealed record Manifest(string FileName, string Yaml)
{
    /// <summary>
    /// An object deleted before the file is applied again ("job/arc-streaming-topics"): a Job's pod
    /// template cannot change, and a finished Job must run anew to apply what changed.
    /// </summary>
    public string? DeleteFirst { get; init; }
}

/// <summary>One `helm upgrade --install` of an official chart: its release name, values and what follows it.</summary>
public sealed record ChartRelease(string Release, string Service, ChartSource Chart, YamlMappingNode Values, IReadOnlyList<Manifest> Manifests)
{
    /// <summary>Caveats a user must know before relying on this release (said in install.sh and by the command).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
