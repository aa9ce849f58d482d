using System.Text.Json;

namespace Arc.Platform.Tests.DockerTier;

/// <summary>
/// The Make veneer and profile semantics under the docker driver: `make messaging-up` picks docker
/// by itself, and Strange — whose base image no registry can serve here — is skipped with its
/// remedy when a profile pulls it in, and fails the run when named.
/// </summary>
[Collection(DockerTierCollection.Name)]
public sealed class DockerTierProfileTests(DockerTierFixture tier)
{
    [DockerFact]
    public async Task Make_messaging_up_uses_the_docker_driver_unasked_and_status_shows_containers()
    {
        var make = await KitProcess.RunAsync("make", ["--no-print-directory", "-C", tier.Root, "ARC_SOURCES=", "messaging-up"], tier.Environment, TimeSpan.FromMinutes(15));
        var status = await tier.ArcAsync("status", "--json");

        Assert.True(make.ExitCode == 0, make.Text);
        using var json = JsonDocument.Parse(status.Out);
        var rows = json.RootElement.GetProperty("services").EnumerateArray().ToDictionary(r => r.GetProperty("codename").GetString()!);
        foreach (var codename in new[] { "flash", "sonic" })
        {
            Assert.Equal("docker", rows[codename].GetProperty("driver").GetString());
            Assert.Equal("healthy", rows[codename].GetProperty("status").GetString());
            Assert.Contains("container", rows[codename].GetProperty("detail").GetString());
        }
    }

    [DockerFact]
    public async Task A_profile_skips_strange_with_its_remedy_and_naming_it_fails()
    {
        var throughProfile = await tier.ArcAsync("up", "transport", "--driver", "docker", "--json");
        var named = await tier.ArcAsync("up", "strange", "--driver", "docker");

        Assert.True(throughProfile.ExitCode == 0, throughProfile.Text);
        using var json = JsonDocument.Parse(throughProfile.Out);
        var strange = json.RootElement.GetProperty("services").EnumerateArray().Single(r => r.GetProperty("codename").GetString() == "strange");
        Assert.Equal("skipped", strange.GetProperty("status").GetString());
        Assert.Contains("apachepulsar/pulsar", strange.GetProperty("detail").GetString());
        Assert.EndsWith("; `docker load` it, or use --driver native", strange.GetProperty("detail").GetString());
        Assert.Equal(1, named.ExitCode);
        Assert.Contains("strange: skipped: base image apachepulsar/pulsar", named.Err);
    }
}
