using Arc.Platform.Drivers.Native;
using static Arc.Platform.Tests.TestKit.Results;

namespace Arc.Platform.Tests.Reliability;

/// <summary>`arc down` with no target stops every service a run record names, not only the default profile's.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DownEveryRecordTests
{
    [ReliabilityFact]
    public async Task Down_without_a_target_stops_a_second_nats_service_started_by_name_outside_the_profile()
    {
        await using var stack = NativeStack.Create(AddRelay);
        Assert.DoesNotContain("relay", stack.Registry().ProfileMembers("think"));
        await stack.UpHealthyAsync("relay", "sonic");
        var relayPort = stack.Service("relay").Port("client").Host;

        var down = await stack.ArcAsync("--json", "down", "--driver", "native");

        Assert.Equal(0, down.ExitCode);
        Assert.Equal("stopped", SingleRow(down.Out, "relay").GetProperty("status").GetString());
        Assert.Equal("stopped", SingleRow(down.Out, "sonic").GetProperty("status").GetString());
        Assert.Null(stack.Driver.LiveRecord("relay"));
        Assert.False(PortCheck.IsAnswering(relayPort));
    }

    [ReliabilityFact]
    public async Task Down_with_a_target_stops_that_target_only()
    {
        await using var stack = NativeStack.Create(AddRelay);
        await stack.UpHealthyAsync("relay", "sonic");

        var down = await stack.ArcAsync("down", "sonic", "--driver", "native");

        Assert.Equal(0, down.ExitCode);
        Assert.NotNull(stack.Driver.LiveRecord("relay"));
        Assert.Null(stack.Driver.LiveRecord("sonic"));
    }

    /// <summary>A second NATS service as data only: its own directory, codename, free ports and compose service, in no profile.</summary>
    private static void AddRelay(TempRepo repo)
    {
        Directory.CreateDirectory(repo.PathOf("services/relay"));
        repo.Write("services/relay/jetstream.conf", repo.Read("services/messaging/jetstream.conf"));
        repo.Write("services/relay/docker-compose.yml", $$"""
            services:
              arc-relay:
                image: ghcr.io/arc-framework/arc-messaging:latest
                command: ["--config", "/etc/nats/jetstream.conf", "--jetstream", "--store_dir", "/data/jetstream", "--port", "4222", "--http_port", "8222"]
                ports:
                  - "127.0.0.1:4222:4222"
                  - "127.0.0.1:8222:8222"
            """);
        var monitor = FreePorts.Next();
        repo.Write("services/relay/service.yaml", $"""
            name: arc-relay
            codename: relay
            role: relay
            tech: nats
            image: ghcr.io/arc-framework/arc-messaging
            ports:
              client: {"{"}host: {FreePorts.Next()}, container: 4222{"}"}
              monitor: {"{"}host: {monitor}, container: 8222{"}"}
            health: http://localhost:{monitor}/healthz
            depends_on: []
            """);
    }
}
