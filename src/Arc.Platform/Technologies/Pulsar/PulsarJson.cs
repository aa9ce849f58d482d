using System.Text;
using System.Text.Json;

namespace Arc.Platform.Technologies.Pulsar;

/// <summary>
/// The admin API's few JSON shapes, read and written without reflection (Native AOT):
/// TenantInfo <c>{"allowedClusters":[…]}</c>, PartitionedTopicMetadata <c>{"partitions":N}</c>
/// and RestException's <c>{"reason":"…"}</c>.
/// </summary>
internal static class PulsarJson
{
    /// <summary>The body Cortex sends to create a tenant, byte for byte: <c>{"allowedClusters":["standalone"]}</c>.</summary>
    public static string TenantInfo(IReadOnlyList<string> allowedClusters)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("allowedClusters");
            foreach (var cluster in allowedClusters)
                writer.WriteStringValue(cluster);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static IReadOnlyList<string>? AllowedClusters(string body) =>
        Property(body, "allowedClusters") is { ValueKind: JsonValueKind.Array } clusters
            ? [.. clusters.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!)]
            : null;

    public static int? Partitions(string body) =>
        Property(body, "partitions") is { ValueKind: JsonValueKind.Number } partitions && partitions.TryGetInt32(out var count)
            ? count
            : null;

    public static string? Reason(string body) =>
        Property(body, "reason") is { ValueKind: JsonValueKind.String } reason ? reason.GetString() : null;

    private static JsonElement? Property(string body, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value)
                ? value.Clone()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
