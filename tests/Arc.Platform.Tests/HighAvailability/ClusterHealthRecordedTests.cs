using Arc.Platform.Registry;
using Arc.Platform.Technologies;
using Arc.Platform.Technologies.Nats;
using Arc.Platform.Tests.TestKit;

namespace Arc.Platform.Tests.HighAvailability;

/// <summary>
/// The lagging-copy reason of `health --deep`, evaluated against RECORDED real responses (Recorded/nats-2.9.10-member-catching-up:
/// three real nats-server 2.9.10 monitors while a restarted member caught up). The catch-up lasts about a second,
/// too short to hold for a real run; the real catch-up path itself runs in <see cref="FailoverTests"/>.
/// </summary>
public class ClusterHealthRecordedTests
{
    private const string Folder = "nats-2.9.10-member-catching-up";

    [Fact]
    public async Task A_member_whose_own_copy_trails_the_stream_leader_is_reported_though_the_meta_group_calls_it_current()
    {
        var servers = Enumerable.Range(1, 3).Select(i => new RecordedHttpServer(new()
        {
            ["/varz"] = (200, Recorded($"flash-{i}.varz.json")),
            ["/jsz"] = (200, Recorded($"flash-{i}.jsz.json")),
        })).ToList();
        try
        {
            using var repo = HaStack.FlashWithMonitors([.. servers.Select(s => s.Port)]);
            var flash = ServiceRegistry.Load(repo.Root).Service("flash");
            var members = HaTopology.DataMembers(flash, flash.Ha!).ToList();
            var declared = Declared(members[0]);

            var problems = new List<IReadOnlyList<string>>();
            foreach (var member in members)
                problems.Add(await ClusterHealth.CheckAsync(member, member.Member!, declared, CancellationToken.None));

            Assert.Empty(problems[0]);
            Assert.Empty(problems[1]);
            Assert.Equal(["its copy of AGENT_COMMANDS lags: 218 of the leader's 20000 messages"], problems[2]);
            // What the recording shows: the meta leader's view calls the lagging member current.
            Assert.Contains(ClusterMonitor.Parse(Recorded("flash-1.varz.json"), Recorded("flash-1.jsz.json"))!.Meta!.Replicas,
                r => r is { Name: "flash-3", Current: true, Offline: false });
        }
        finally
        {
            foreach (var server in servers)
                await server.DisposeAsync();
        }
    }

    private static IReadOnlyList<string> Declared(ServiceDefinition member)
    {
        var file = DeclaredFile.Of(member, StreamsOperations.FileName);
        return [.. StreamsFile.Load(file.Path, file.DisplayPath).Select(s => s.Name)];
    }

    private static string Recorded(string file) =>
        File.ReadAllText(Path.Combine(TempRepo.RealRoot, "tests", "Arc.Platform.Tests", "HighAvailability", "Recorded", Folder, file));
}
