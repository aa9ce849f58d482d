using System.Text;
using Arc.Platform.Compose;
using Arc.Platform.Drivers.Native;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Tests.HighAvailability;

/// <summary>
/// Pins, byte for byte, how every member of the repository's HA topologies launches natively (the server's
/// arguments, the files written for it, its first restart delay), open and with credentials, so a move of launch
/// planning (issue 15: from the technologies into Drivers/Native/) cannot change a member's command line unseen.
/// The snapshot was written from the code before any such move; a deliberate change rewrites it.
/// </summary>
[Trait("Tier", "unit")]
public sealed class MemberLaunchPinTests
{
    private static readonly string Snapshot = Path.Combine(TempRepo.RealRoot, "tests", "Arc.Platform.Tests", "HighAvailability", "Snapshots", "member-launch.txt");

    [SkippableFact]
    public void Every_member_of_every_topology_launches_exactly_as_pinned()
    {
        Skip.If(ExecutableLocator.Find("nats-server") is null || ExecutableLocator.Find("redis-server") is null, "nats-server and redis-server are not installed");
        using var temp = new TempDirectory();
        var registry = ServiceRegistry.Load(TempRepo.RealRoot);
        var text = new StringBuilder();
        // No secrets directory: the topology's extra users would be generated under the real checkout's .arc/.
        foreach (var member in registry.Services.Where(s => s.Ha is not null).SelectMany(HaTopology.Members).Select(m => m with { SecretsDirectory = null }))
        {
            Describe(text, member, temp, credentials: null);
            Describe(text, member, temp, new Arc.Platform.Secrets.ServiceCredentials(member.SecretsName, [new("default", "client-pw"), new("exporter", "exporter-pw")]));
        }

        Assert.True(text.Length > 0, "the repository declares no ha: topology");
        Assert.Equal(File.ReadAllText(Snapshot), text.ToString());
    }

    private static void Describe(StringBuilder text, ServiceDefinition member, TempDirectory temp, Arc.Platform.Secrets.ServiceCredentials? credentials)
    {
        var data = temp.Sub($"{member.Codename}-{(credentials is null ? "open" : "closed")}");
        var compose = ComposeFile.Load(member.ComposeFile, "compose").Service(member.Name)!;
        var plan = Arc.Platform.Drivers.Native.NativeLaunchPlanner.Plan(TechnologyFacts.Catalog.For(member), member, compose, new NativeLaunchContext(data, "/l") { Credentials = credentials });
        string Shown(string s) => s.Replace(data, "$DATA", StringComparison.Ordinal);
        text.Append($"== {member.Codename} ({(credentials is null ? "open" : "with credentials")})\n");
        text.Append($"{Path.GetFileName(plan.Executable)} {string.Join(' ', plan.Arguments.Select(a => $"[{Shown(a)}]"))}\n");
        text.Append($"restart delay {plan.FirstRestartDelaySeconds} s; server writes {string.Join(", ", plan.ServerWritable.Select(Shown))}\n");
        // An exporter's files exist only where the exporter is installed: the server's own are pinned.
        foreach (var (path, content) in plan.Files.Where(f => !Path.GetFileName(f.Key).StartsWith("exporter-", StringComparison.Ordinal)).OrderBy(f => f.Key, StringComparer.Ordinal))
            text.Append($"-- {Shown(path)}\n{(credentials is null ? Shown(content) : "(content holds credentials)")}\n");
    }
}
