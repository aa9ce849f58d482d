using System.Diagnostics;
using System.Text.Json;
using Arc.Platform.Tests.TestKit;

namespace Arc.Platform.Tests.Reliability;

/// <summary>
/// `down` works from the run records when the configuration is broken (issue 8 §5): every server this
/// checkout's records prove is stopped and its row says so, the configuration error is still printed
/// and still exits 2, and what cannot be proven is named, left alone, and exits 1.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DownWithBrokenConfigTests
{
    private const string SonicYaml = "services/cache/service.yaml";

    public enum Breakage { InvalidYaml, WrongNodeType, UnknownKey, DuplicateCodename, DirectoryInstead, Fifo, BrokenProfiles, BrokenProfilesAndComposeFile }

    [ReliabilityTheory]
    [InlineData(Breakage.InvalidYaml, SonicYaml)]
    [InlineData(Breakage.WrongNodeType, SonicYaml)]
    [InlineData(Breakage.UnknownKey, SonicYaml)]
    [InlineData(Breakage.DuplicateCodename, "services/")]
    [InlineData(Breakage.DirectoryInstead, SonicYaml)]
    [InlineData(Breakage.Fifo, SonicYaml)]
    [InlineData(Breakage.BrokenProfiles, "services/profiles.yaml")]
    [InlineData(Breakage.BrokenProfilesAndComposeFile, "services/profiles.yaml")]
    public async Task Down_with_broken_configuration_stops_every_recorded_server_and_exits_2_naming_the_error(Breakage breakage, string named)
    {
        await using var stack = NativeStack.Create();
        await stack.UpHealthyAsync("flash", "sonic");
        var pids = AllPids(stack, "flash", "sonic");
        Break(stack, breakage);

        var down = await stack.ArcAsync("down");

        Assert.Equal(2, down.ExitCode);
        Assert.Contains($"arc: {named}", down.Err);
        Assert.Contains("down stops what this checkout's native run records prove", down.Err);
        Assert.Contains("flash", down.Out);
        Assert.Contains("sonic", down.Out);
        Assert.Equal(2, Lines(down.Out).Count(l => l.Contains("stopped; data kept")));
        Assert.All(pids, pid => Assert.False(ProcessFacts.IsAlive(pid), $"pid {pid} survived down ({breakage})"));
        Assert.Empty(Directory.GetFiles(stack.Driver.Paths.RunDirectory));
        Assert.DoesNotContain("   at ", down.Err);
    }

    [ReliabilityFact]
    public async Task With_json_the_record_only_stop_prints_exactly_one_document_of_honest_rows()
    {
        await using var stack = NativeStack.Create();
        await stack.UpHealthyAsync("sonic");
        var port = stack.Service("sonic").Port("client").Host;
        Break(stack, Breakage.InvalidYaml);

        var down = await stack.ArcAsync("--json", "down");

        Assert.Equal(2, down.ExitCode);
        using var document = JsonDocument.Parse(down.Out);
        var row = Assert.Single(document.RootElement.GetProperty("services").EnumerateArray());
        Assert.Equal("sonic", row.GetProperty("codename").GetString());
        Assert.Equal("stopped", row.GetProperty("status").GetString());
        Assert.Equal("native", row.GetProperty("driver").GetString());
        Assert.Equal($"127.0.0.1:{port}", row.GetProperty("endpoint").GetString());
    }

    [ReliabilityFact]
    public async Task Targets_match_recorded_codenames_readable_roles_and_profiles_and_what_matches_nothing_is_said_and_left()
    {
        await using var stack = NativeStack.Create();
        await stack.UpHealthyAsync("flash", "sonic");
        var flash = AllPids(stack, "flash");
        var sonic = AllPids(stack, "sonic");
        Break(stack, Breakage.InvalidYaml);

        // 'cache' is sonic's role, but only its broken service.yaml says so.
        var byBrokenRole = await stack.ArcAsync("down", "cache");
        var byReadableRole = await stack.ArcAsync("down", "messaging");

        Assert.Equal(2, byBrokenRole.ExitCode);
        Assert.Contains("arc: cache: no run record, readable service.yaml or profile names it; nothing stopped for it", byBrokenRole.Err);
        Assert.All(sonic, pid => Assert.True(ProcessFacts.IsAlive(pid), $"sonic's pid {pid} was stopped by a target that does not name it"));
        Assert.Equal(2, byReadableRole.ExitCode);
        Assert.All(flash, pid => Assert.False(ProcessFacts.IsAlive(pid)));
        Assert.All(sonic, pid => Assert.True(ProcessFacts.IsAlive(pid)));

        var byProfile = await stack.ArcAsync("down", "transport");

        Assert.Equal(2, byProfile.ExitCode);
        Assert.Contains("sonic", byProfile.Out);
        Assert.All(sonic, pid => Assert.False(ProcessFacts.IsAlive(pid)));
    }

    [ReliabilityFact]
    public async Task A_service_yaml_that_is_gone_makes_its_profile_member_an_error_and_down_stops_it_from_its_record()
    {
        await using var stack = NativeStack.Create();
        await stack.UpHealthyAsync("flash", "sonic");
        var flash = AllPids(stack, "flash");
        var sonic = AllPids(stack, "sonic");
        stack.Repo.Delete(SonicYaml);

        var byProfile = await stack.ArcAsync("down", "transport", "--driver", "native");

        // Without its service.yaml, sonic in profiles.yaml is no service here nor the platform's: the
        // configuration is wrong (exit 2, naming the line), and down still stops it from its record.
        Assert.Equal(2, byProfile.ExitCode);
        Assert.Contains("profile 'transport' lists 'sonic', which is no service here", byProfile.Err);
        Assert.Contains("sonic", byProfile.Out);
        Assert.All(flash.Concat(sonic), pid => Assert.False(ProcessFacts.IsAlive(pid), $"pid {pid} survived down"));
    }

    [ReliabilityFact]
    public async Task A_codename_whose_service_yaml_is_gone_is_a_configuration_error_but_its_recorded_server_still_stops()
    {
        await using var stack = NativeStack.Create();
        await stack.UpHealthyAsync("sonic");
        var sonic = AllPids(stack, "sonic");
        stack.Repo.Delete(SonicYaml);

        var down = await stack.ArcAsync("down", "sonic");

        Assert.Equal(2, down.ExitCode);
        Assert.Contains("lists 'sonic', which is no service here", down.Err);
        Assert.Contains("stopped; data kept", down.Out);
        Assert.All(sonic, pid => Assert.False(ProcessFacts.IsAlive(pid)));
    }

    [ReliabilityFact]
    public async Task With_an_unreadable_record_too_the_supervisor_is_proven_and_takes_its_server_with_it()
    {
        await using var stack = NativeStack.Create();
        await stack.UpHealthyAsync("sonic");
        var pids = AllPids(stack, "sonic");
        File.WriteAllText(stack.Driver.Paths.RecordFile("sonic"), "{ \"codename\": ");
        Break(stack, Breakage.WrongNodeType);

        var down = await stack.ArcAsync("down");

        Assert.Equal(2, down.ExitCode);
        Assert.Contains("stopped what arc could prove without its run record", down.Out);
        Assert.All(pids, pid => Assert.False(ProcessFacts.IsAlive(pid), $"pid {pid} survived down"));
    }

    [ReliabilityFact]
    public async Task With_an_unreadable_record_a_server_whose_supervisor_was_killed_is_proven_by_its_process_group()
    {
        await using var stack = NativeStack.Create();
        await stack.UpHealthyAsync("sonic");
        var server = stack.ServerPid("sonic");
        var supervisor = stack.Record("sonic").Server.Pid;
        Process.GetProcessById(supervisor).Kill();
        await Poll.UntilAsync(() => !ProcessFacts.IsAlive(supervisor), "the killed supervisor to be gone");
        File.WriteAllText(stack.Driver.Paths.RecordFile("sonic"), "[]");
        Break(stack, Breakage.InvalidYaml);

        var down = await stack.ArcAsync("down");

        Assert.Equal(2, down.ExitCode);
        Assert.False(ProcessFacts.IsAlive(server), $"the orphaned server pid {server} survived down");
    }

    [ReliabilityFact]
    public async Task What_cannot_be_proven_is_named_left_running_and_exits_1()
    {
        await using var stack = NativeStack.Create();
        await stack.UpHealthyAsync("sonic");
        var pids = AllPids(stack, "sonic");
        using var stranger = StartIn(stack.Driver.Paths.DataDirectory("sonic"), "sleep", "300");
        File.WriteAllText(stack.Driver.Paths.RecordFile("sonic"), "not json");
        Break(stack, Breakage.InvalidYaml);

        var down = await stack.ArcAsync("down");

        Assert.Equal(1, down.ExitCode);
        Assert.Contains($"arc: {SonicYaml}", down.Err);
        var row = Assert.Single(Lines(down.Out), l => l.StartsWith("sonic", StringComparison.Ordinal));
        Assert.Contains("unhealthy", row);
        Assert.Contains($"not stopped: ", row);
        Assert.Contains($"pid {stranger.Id} (sleep) still runs in", row);
        Assert.DoesNotContain("stopped; data kept", down.Out);
        Assert.True(ProcessFacts.IsAlive(stranger.Id));
        Assert.All(pids, pid => Assert.False(ProcessFacts.IsAlive(pid), $"arc's own pid {pid} survived down"));
        stranger.Kill();
    }

    [ReliabilityFact]
    public async Task Clean_with_broken_configuration_deletes_and_stops_nothing_and_exits_2()
    {
        await using var stack = NativeStack.Create();
        await stack.UpHealthyAsync("sonic");
        var pids = AllPids(stack, "sonic");
        Break(stack, Breakage.InvalidYaml);

        var clean = await stack.ArcAsync("clean", "--yes");

        Assert.Equal(2, clean.ExitCode);
        Assert.Contains($"arc: {SonicYaml}", clean.Err);
        Assert.All(pids, pid => Assert.True(ProcessFacts.IsAlive(pid)));
        Assert.True(Directory.Exists(stack.Driver.Paths.DataDirectory("sonic")));
    }

    [ReliabilityFact]
    public async Task With_the_docker_driver_a_broken_configuration_is_the_error_and_native_servers_are_left_alone()
    {
        await using var stack = NativeStack.Create();
        await stack.UpHealthyAsync("sonic");
        var pids = AllPids(stack, "sonic");
        Break(stack, Breakage.InvalidYaml);

        var down = await stack.ArcAsync("down", "--driver", "docker");

        Assert.Equal(2, down.ExitCode);
        Assert.StartsWith($"arc: {SonicYaml}", down.Err);
        // Only the docker engine's own records (this checkout's containers) may be stopped from; native ones never.
        Assert.DoesNotContain("native run records", down.Err);
        Assert.All(pids, pid => Assert.True(ProcessFacts.IsAlive(pid)));
    }

    private static void Break(NativeStack stack, Breakage breakage)
    {
        var repo = stack.Repo;
        switch (breakage)
        {
            case Breakage.InvalidYaml:
                repo.Replace(SonicYaml, "codename: sonic", "codename: [sonic");
                break;
            case Breakage.WrongNodeType:
                repo.Replace(SonicYaml, "codename: sonic", "codename: {sonic: 1}");
                break;
            case Breakage.UnknownKey:
                repo.Write(SonicYaml, repo.Read(SonicYaml) + "\ncolour: red\n");
                break;
            case Breakage.DuplicateCodename:
                repo.Replace(SonicYaml, "codename: sonic", "codename: flash");
                break;
            case Breakage.DirectoryInstead:
                repo.Delete(SonicYaml);
                Directory.CreateDirectory(repo.PathOf(SonicYaml));
                break;
            case Breakage.Fifo:
                repo.Delete(SonicYaml);
                HostileYaml.MakeFifo(repo.PathOf(SonicYaml));
                break;
            case Breakage.BrokenProfiles:
                repo.Replace("services/profiles.yaml", "transport:\n", "transport: [\n");
                break;
            default:
                repo.Replace("services/profiles.yaml", "transport:\n", "transport: [\n");
                repo.Replace("services/cache/docker-compose.yml", "services:", "services: [");
                break;
        }
    }

    /// <summary>Servers, exporters and their supervisors: everything `down` must end.</summary>
    private static List<int> AllPids(NativeStack stack, params string[] codenames) =>
        [.. codenames.SelectMany(c => stack.ServicePids(c).Concat(stack.Record(c).Sidecars.Append(stack.Record(c).Server).Select(p => p.Pid)))];

    private static Process StartIn(string directory, string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { WorkingDirectory = directory, UseShellExecute = false };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        return Process.Start(info)!;
    }

    private static string[] Lines(string text) => text.Split('\n');
}
