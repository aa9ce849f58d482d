using System.Globalization;
using System.Text;
using Arc.Platform.Registry;
using YamlDotNet.RepresentationModel;
using static Arc.Platform.Kubernetes.YamlTree;

namespace Arc.Platform.Technologies.Pulsar.Kubernetes;

/// <summary>
/// A Kubernetes Job, run after the Pulsar release is installed, that applies topics.yaml through
/// the admin REST API as `arc up strange` does: PUT each tenant, namespace and partitioned topic in
/// that order, with the same paths and bodies; 204 is created, 409 is already there, anything else
/// fails the Job. It waits for the brokers' health first, and never deletes or changes anything.
/// </summary>
public static class TopicsJob
{
    /// <summary>A small image with curl and a POSIX shell; pinned, like the charts.</summary>
    public const string Image = "curlimages/curl:8.11.1";

    /// <summary>The uid of the image's curl_user.</summary>
    public const int RunAsUser = 100;

    public static string Name(ServiceDefinition service) => $"{service.Name}-topics";

    public static string Render(ServiceDefinition service, PulsarResources resources, string adminUrl)
    {
        var labels = Map(("app.kubernetes.io/part-of", Str("arc-platform")), ("app.kubernetes.io/component", Str("topics")));
        var container = Map(
            ("name", Str("apply-topics")),
            ("image", Str(Image)),
            ("command", Words(["/bin/sh", "-c", Script(resources)])),
            ("env", List([Map(("name", Str("ADMIN_URL")), ("value", Str(adminUrl)))])),
            // The image's user is named (curl_user), which runAsNonRoot cannot check: its uid is given.
            ("securityContext", Map(("runAsNonRoot", Flag(true)), ("runAsUser", Number(RunAsUser)), ("allowPrivilegeEscalation", Flag(false)))));
        var job = Map(
            ("apiVersion", Str("batch/v1")),
            ("kind", Str("Job")),
            ("metadata", Map(("name", Str(Name(service))), ("labels", labels))),
            ("spec", Map(
                ("backoffLimit", Number(4)),
                // The broker may take minutes to come up on a small node; the Job gives up after half an hour.
                ("activeDeadlineSeconds", Number(1800)),
                ("template", Map(
                    ("metadata", Map(("labels", labels))),
                    ("spec", Map(("restartPolicy", Str("Never")), ("containers", List([container])))))))));
        return Write(job);
    }

    /// <summary>The POSIX shell script: one <c>put</c> per declared resource, in creation order.</summary>
    public static string Script(PulsarResources resources)
    {
        var script = new StringBuilder("""
            set -eu
            until curl -fsS -o /dev/null "$ADMIN_URL/admin/v2/brokers/health"; do
              echo "waiting for $ADMIN_URL"; sleep 5
            done
            put() {
              if [ $# -gt 1 ]; then
                code=$(curl -sS -o /tmp/answer -w '%{http_code}' -X PUT -H 'Content-Type: application/json' --data "$2" "$ADMIN_URL$1")
              else
                code=$(curl -sS -o /tmp/answer -w '%{http_code}' -X PUT "$ADMIN_URL$1")
              fi
              case "$code" in
                204) echo "$1: created" ;;
                409) echo "$1: present" ;;
                *) echo "$1: HTTP $code $(cat /tmp/answer)" >&2; exit 1 ;;
              esac
            }

            """);
        foreach (var tenant in resources.Tenants)
            script.Append($"put '{PulsarProvisioner.TenantPath(tenant.Name)}' '{PulsarJson.TenantInfo(tenant.AllowedClusters)}'\n");
        foreach (var ns in resources.Namespaces)
            script.Append($"put '{PulsarProvisioner.NamespacePath(ns.Path)}'\n");
        foreach (var topic in resources.PartitionedTopics)
            script.Append($"put '{PulsarProvisioner.PartitionsPath(topic)}' '{topic.Partitions.ToString(CultureInfo.InvariantCulture)}'\n");
        return script.ToString();
    }

    /// <summary>The script as a literal block inside the Job.</summary>
    private static YamlSequenceNode Words(IEnumerable<string> words) =>
        List(words.Select(w => (YamlNode)(w.Contains('\n') ? Block(w) : Str(w))));
}
