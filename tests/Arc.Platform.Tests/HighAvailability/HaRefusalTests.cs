using System.Text.RegularExpressions;
using Arc.Platform.Registry;
using Arc.Platform.Tests.TestKit;

namespace Arc.Platform.Tests.HighAvailability;

/// <summary>
/// What `arc up --ha` refuses, through the CLI as a user types it: the exit code, the message, and nothing
/// started or stopped by the refused command.
/// </summary>
[Collection(HaCollection.Name)]
public class HaRefusalTests
{
    private const string CacheFile = "services/cache/service.yaml";

    [NativeFact]
    public async Task Ha_for_a_service_without_a_topology_is_a_usage_error_and_starts_nothing()
    {
        await using var stack = HaStack.Create();
        HaStack.DropHa(stack.Repo, CacheFile);

        var up = await stack.ArcAsync("up", "sonic", "--ha", "--driver", "native");

        Assert.Equal(2, up.ExitCode);
        Assert.Contains("--ha: none of sonic declares an 'ha:' topology in its service.yaml", up.Err);
        Assert.Null(stack.Driver.LiveRecord("sonic"));
        Assert.Null(stack.Driver.LiveRecord("sonic-1"));
    }

    [NativeFact]
    public async Task A_topology_whose_ports_clash_is_a_configuration_error_located_at_its_ha_section()
    {
        await using var stack = HaStack.Create();
        var replica = HaTopology.Members(stack.Service("sonic"))[1].HealthEndpoint.Port;
        // The third Sentinel on the second data member's port.
        stack.Repo.Write(CacheFile, Regex.Replace(stack.Repo.Read(CacheFile), @"(\n    port: \[\d+, \d+, )\d+\]", $"${{1}}{replica}]"));
        var line = Array.IndexOf(stack.Repo.Read(CacheFile).Split('\n'), "ha:") + 1;

        var up = await stack.ArcAsync("up", "sonic", "--ha", "--driver", "native");

        Assert.Equal(2, up.ExitCode);
        Assert.Contains($"{CacheFile}:{line}:1: sonic's ha topology puts two listeners on port {replica}", up.Err);
        Assert.All(HaTopology.Members(stack.Service("sonic")), m => Assert.Null(stack.Driver.LiveRecord(m.Codename)));
    }

    [NativeFact]
    public async Task Up_ha_while_the_single_server_runs_and_plain_up_while_the_topology_runs_are_refused_leaving_the_running_one_alone()
    {
        await using var stack = HaStack.Create();
        await stack.UpHealthyAsync("sonic");
        var single = stack.ServerPid("sonic");

        var ha = await stack.ArcAsync("up", "sonic", "--ha", "--driver", "native");

        Assert.Equal(1, ha.ExitCode);
        Assert.Contains("sonic runs as a single server; stop it first (`arc down sonic`), then `arc up sonic --ha`", ha.Err);
        Assert.Equal(single, stack.ServerPid("sonic"));
        Assert.Null(stack.Driver.LiveRecord("sonic-1"));

        await stack.DownAsync("sonic");
        await stack.UpHaHealthyAsync("sonic");
        var members = HaTopology.Members(stack.Service("sonic"));
        var pids = members.Select(m => stack.ServerPid(m.Codename)).ToList();

        var plain = await stack.ArcAsync("up", "sonic", "--driver", "native");

        Assert.Equal(1, plain.ExitCode);
        Assert.Contains("sonic runs highly available (sonic-1 is up); use `arc up sonic --ha`, or `arc down sonic` first", plain.Err);
        Assert.Equal(pids, members.Select(m => stack.ServerPid(m.Codename)));
        Assert.Null(stack.Driver.LiveRecord("sonic"));
    }
}
