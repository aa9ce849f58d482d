using System.Text.RegularExpressions;

namespace Arc.Platform.Kubernetes;

/// <summary>The namespace the install script installs into unless told, and the check a namespace name must pass.</summary>
public static partial class KubernetesNamespace
{
    public const string Default = "arc";

    /// <summary>A DNS-1123 label, as Kubernetes requires of a namespace name; anything else is a usage error.</summary>
    public static string Checked(string name) =>
        Label().IsMatch(name) && name.Length <= 63
            ? name
            : throw new UsageException($"--namespace {name}: a Kubernetes namespace is lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters");

    /// <summary>The cluster-internal DNS name of a Service.</summary>
    public static string ServiceHost(string service, string ns) => $"{service}.{ns}.svc.cluster.local";

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")]
    private static partial Regex Label();
}
