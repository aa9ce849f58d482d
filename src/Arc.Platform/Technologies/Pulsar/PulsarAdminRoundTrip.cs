using System.Diagnostics;
using System.Text.Json;
using Arc.Platform.Health;

namespace Arc.Platform.Technologies.Pulsar;

/// <summary>
/// Deep probe: the admin API answers from its metadata store, not just its HTTP layer —
/// list the clusters, then the tenants (standalone creates "public" and "pulsar").
/// </summary>
internal static class PulsarAdminRoundTrip
{
    public static async Task<ProbeResult> RunAsync(string adminUrl, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (clustersBody, clustersError) = await HttpProbe.GetBodyAsync($"{adminUrl}/admin/v2/clusters", cancellationToken);
        if (clustersBody is null)
            return ProbeResult.Fail(clock.Elapsed, clustersError);
        if (StringArray(clustersBody) is not { Count: > 0 } clusters)
            return ProbeResult.Fail(clock.Elapsed, $"GET /admin/v2/clusters: expected a non-empty JSON list of names, got {Shorten(clustersBody)}");
        var (tenantsBody, tenantsError) = await HttpProbe.GetBodyAsync($"{adminUrl}/admin/v2/tenants", cancellationToken);
        if (tenantsBody is null)
            return ProbeResult.Fail(clock.Elapsed, tenantsError);
        if (StringArray(tenantsBody) is not { } tenants)
            return ProbeResult.Fail(clock.Elapsed, $"GET /admin/v2/tenants: expected a JSON list of names, got {Shorten(tenantsBody)}");
        return ProbeResult.Ok(clock.Elapsed, $"admin API ok: cluster {string.Join(",", clusters)}, {tenants.Count} tenant(s)");
    }

    /// <summary>A JSON array of strings, or null when the body is anything else.</summary>
    internal static List<string>? StringArray(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
                return null;
            var items = new List<string>();
            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.String)
                    return null;
                items.Add(element.GetString()!);
            }
            return items;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string body) => body.Length <= 80 ? body : body[..80] + "…";
}
