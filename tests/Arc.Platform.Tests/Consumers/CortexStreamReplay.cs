using System.Text;
using System.Text.Json;
using Arc.Platform.Consumers;
using Arc.Platform.Technologies.Nats;
using NATS.Client.Core;

namespace Arc.Platform.Tests.Consumers;

/// <summary>
/// Cortex's stream bootstrap as its source does it (services/cortex/internal/clients/nats.go,
/// provisionStream, with github.com/nats-io/nats.go v1.48.0 from its go.mod): for each stream in
/// order, <c>$JS.API.STREAM.INFO.&lt;name&gt;</c> with an empty body, then
/// <c>$JS.API.STREAM.CREATE.&lt;name&gt;</c> when the answer is "stream not found" or
/// <c>$JS.API.STREAM.UPDATE.&lt;name&gt;</c> otherwise, the body being the byte-for-byte JSON that
/// Go's encoding/json makes of a nats.StreamConfig with only Name, Subjects, Retention and MaxAge set.
/// </summary>
public static class CortexStreamReplay
{
    private const int StreamNotFound = 10059;

    /// <summary>The streams in Cortex's order, as services/consumers.yaml records them.</summary>
    public static IReadOnlyList<ConsumerStream> Streams(string root) =>
        ConsumersFile.LoadUnder(root, TechnologyFacts.Catalog.ConsumerSections).Single(c => c.Name == "cortex").Streams;

    /// <summary>
    /// nats.go v1.48.0's StreamConfig fields in declaration order. Without omitempty a zero value is
    /// still written: max_consumers, max_msgs, max_bytes, discard ("old"), max_msgs_per_subject,
    /// storage ("file"), num_replicas, compression ("none"), allow_direct, mirror_direct,
    /// consumer_limits (a struct: omitempty never drops it) and allow_msg_ttl. time.Duration is
    /// nanoseconds, and encoding/json escapes '&gt;' as \u003e.
    /// </summary>
    public static string GoStreamConfigJson(ConsumerStream stream)
    {
        var subjects = string.Join(",", stream.Subjects.Select(GoString));
        var retention = stream.Retention switch
        {
            StreamRetention.Interest => "interest",
            StreamRetention.WorkQueue => "workqueue",
            _ => "limits",
        };
        var nanoseconds = stream.MaxAge.Ticks * 100;
        return $"{{\"name\":{GoString(stream.Name)},\"subjects\":[{subjects}],\"retention\":\"{retention}\",\"max_consumers\":0,\"max_msgs\":0,\"max_bytes\":0," +
               $"\"discard\":\"old\",\"max_age\":{nanoseconds},\"max_msgs_per_subject\":0,\"storage\":\"file\",\"num_replicas\":0,\"compression\":\"none\"," +
               "\"allow_direct\":false,\"mirror_direct\":false,\"consumer_limits\":{},\"allow_msg_ttl\":false}";
    }

    /// <summary>One run of Cortex's ProvisionStreams; returns the API verb used per stream ("create" or "update").</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(string natsUrl, IReadOnlyList<ConsumerStream> streams)
    {
        // nats.Connect(url) with default options, then nc.JetStream(): the API prefix $JS.API.
        await using var connection = new NatsConnection(new NatsOpts { Url = natsUrl, Name = "cortex-replay" });
        await connection.ConnectAsync();
        var verbs = new List<string>();
        foreach (var stream in streams)
        {
            var info = await RequestAsync(connection, $"$JS.API.STREAM.INFO.{stream.Name}", []);
            var missing = Error(info) is { } error && error.GetProperty("err_code").GetInt32() == StreamNotFound;
            if (!missing && Error(info) is { } other)
                throw new InvalidOperationException($"querying stream {stream.Name}: {other}");
            var verb = missing ? "CREATE" : "UPDATE";
            var answer = await RequestAsync(connection, $"$JS.API.STREAM.{verb}.{stream.Name}", Encoding.UTF8.GetBytes(GoStreamConfigJson(stream)));
            if (Error(answer) is { } refused)
                throw new InvalidOperationException($"{(missing ? "creating" : "updating")} stream {stream.Name}: {refused}");
            verbs.Add(verb.ToLowerInvariant());
        }
        return verbs;
    }

    /// <summary>Cortex's NATS probe: connect, then stream info of its first stream; "not found" still counts as reachable.</summary>
    public static async Task ProbeAsync(string natsUrl, string firstStream)
    {
        await using var connection = new NatsConnection(new NatsOpts { Url = natsUrl, Name = "cortex-probe" });
        await connection.ConnectAsync();
        var info = await RequestAsync(connection, $"$JS.API.STREAM.INFO.{firstStream}", []);
        if (Error(info) is { } error && error.GetProperty("err_code").GetInt32() != StreamNotFound)
            throw new InvalidOperationException($"stream info: {error}");
    }

    public static async Task<JsonDocument> RequestAsync(NatsConnection connection, string subject, byte[] body)
    {
        var reply = await connection.RequestAsync<byte[], byte[]>(subject, body, replyOpts: new NatsSubOpts { Timeout = TimeSpan.FromSeconds(5) });
        return JsonDocument.Parse(reply.Data ?? []);
    }

    private static JsonElement? Error(JsonDocument answer) =>
        answer.RootElement.TryGetProperty("error", out var error) ? error : null;

    /// <summary>A Go encoding/json string: HTML-sensitive characters escaped as Go does.</summary>
    private static string GoString(string value) =>
        "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("<", "\\u003c").Replace(">", "\\u003e").Replace("&", "\\u0026") + "\"";
}
