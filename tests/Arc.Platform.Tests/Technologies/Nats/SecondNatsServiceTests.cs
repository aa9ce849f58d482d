using System.Text.Json;
using Arc.Platform.Tests.TestKit;

namespace Arc.Platform.Tests.Technologies.Nats;

/// <summary>
/// A second NATS service added as data only — its own services/relay/ with service.yaml, compose file and a
/// streams.yaml of its own, no code — gets exactly its own streams: `arc up relay` (native, a real
/// nats-server) provisions its stream and not Flash's, and `arc streams list` shows each service's own.
/// </summary>
public sealed class SecondNatsServiceTests
{
    private const string RelayStream = "RELAY_EVENTS";
    private static readonly string[] FlashStreams = ["AGENT_COMMANDS", "AGENT_EVENTS", "SYSTEM_METRICS"];

    [NativeFact]
    public async Task Up_the_second_service_provisions_its_own_stream_and_not_flashs()
    {
        await using var stack = NativeStack.Create(AddRelay);

        var up = await stack.ArcAsync("--json", "up", "relay", "--driver", "native");

        Assert.True(up.ExitCode == 0, up.Err);
        using var document = JsonDocument.Parse(up.Out);
        var relay = Assert.Single(document.RootElement.GetProperty("services").EnumerateArray());
        Assert.Equal("relay", relay.GetProperty("codename").GetString());
        var provisioned = relay.GetProperty("provisioned").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal([RelayStream], provisioned);
        Assert.Equal([RelayStream], await ServerStreamsAsync(stack, "relay"));
    }

    [NativeFact]
    public async Task Streams_list_shows_each_nats_service_its_own_streams()
    {
        await using var stack = NativeStack.Create(AddRelay);
        await stack.UpHealthyAsync("flash", "relay");

        var json = await stack.ArcAsync("--json", "streams", "list");
        var text = await stack.ArcAsync("streams", "list");

        Assert.True(json.ExitCode == 0, json.Err);
        using var document = JsonDocument.Parse(json.Out);
        var rows = document.RootElement.GetProperty("streams").EnumerateArray()
            .Select(r => (Service: r.GetProperty("service").GetString(), Name: r.GetProperty("name").GetString(), Exists: r.GetProperty("exists").GetBoolean()))
            .ToList();
        Assert.Equal([.. FlashStreams.Select(s => ("flash", s, true)), ("relay", RelayStream, true)], rows.Select(r => (r.Service!, r.Name!, r.Exists)));
        Assert.Equal(FlashStreams, await ServerStreamsAsync(stack, "flash"));
        Assert.Equal([RelayStream], await ServerStreamsAsync(stack, "relay"));
        Assert.Equal(0, text.ExitCode);
        var lines = text.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("flash:", lines[0]);
        Assert.StartsWith("STREAM", lines[1]);
        Assert.Equal("relay:", lines[5]);
        Assert.StartsWith(RelayStream, lines[7]);
    }

    /// <summary>services/relay/: Flash's compose file and server settings under another name, free host ports, one stream of its own.</summary>
    private static void AddRelay(TempRepo repo)
    {
        int client = FreePorts.Next(), monitor = FreePorts.Next();
        repo.Write("services/relay/service.yaml", $"""
            name: arc-relay
            codename: relay
            role: relay
            tech: nats
            description: a second NATS service, added as data only
            image: ghcr.io/arc-framework/arc-relay
            upstream: https://github.com/nats-io/nats-server
            ports:
              client: {"{"}host: {client}, container: 4222{"}"}
              monitor: {"{"}host: {monitor}, container: 8222{"}"}
            health: http://localhost:{monitor}/healthz
            depends_on: []
            """);
        repo.Write("services/relay/docker-compose.yml", repo.Read("services/messaging/docker-compose.yml").Replace("arc-messaging", "arc-relay"));
        repo.Write("services/relay/jetstream.conf", repo.Read("services/messaging/jetstream.conf"));
        repo.Write("services/relay/streams.yaml", $"""
            streams:
              - name: {RelayStream}
                subjects: ["relay.>"]
            """);
    }

    /// <summary>The stream names the service's own server holds, asked of its monitor endpoint.</summary>
    private static async Task<IReadOnlyList<string>> ServerStreamsAsync(NativeStack stack, string codename)
    {
        using var http = new HttpClient();
        var jsz = await http.GetStringAsync($"http://127.0.0.1:{stack.Service(codename).Port("monitor").Host}/jsz?streams=true");
        using var document = JsonDocument.Parse(jsz);
        return [.. document.RootElement.GetProperty("account_details").EnumerateArray()
            .SelectMany(a => a.TryGetProperty("stream_detail", out var streams) ? streams.EnumerateArray() : [])
            .Select(s => s.GetProperty("name").GetString()!)
            .Order(StringComparer.Ordinal)];
    }
}
