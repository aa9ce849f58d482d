using System.Diagnostics;

namespace Arc.Platform.Tests.Conformance;

/// <summary>
/// The contract over the docker driver, in the docker tier: the real compose files on the private engine, on the
/// tier's free ports. Each test leaves Sonic up again, as the tier's other tests expect it.
/// </summary>
[Trait("Tier", "docker")]
[Collection(DockerTierCollection.Name)]
public sealed class DockerDriverConformance(DockerTierFixture tier) : DriverConformance
{
    private const string Container = "arc-cache";

    protected override string? Root => tier.Root;

    protected override int SubjectHostPort => tier.HostPort(Subject, "client");

    protected override (string Variable, string Scheme) SubjectConnection => ("REDIS_URL", "redis");

    protected override void RequireDriver()
    {
        Skip.If(tier.SkipReason is not null, tier.SkipReason);
        if (tier.SetupFailure is { } failure)
            Assert.Fail(failure);
    }

    public override async Task DisposeAsync()
    {
        // Everything the tier started comes back: `down` without a target (stop from records) stops flash too.
        if (tier.SkipReason is null && tier.SetupFailure is null)
            await tier.ArcAsync("up", "flash", "sonic", "--driver", "docker", "--timeout", "180");
    }

    protected override async Task<Run> ArcAsync(params string[] args)
    {
        var result = await tier.ArcAsync([.. args, "--driver", "docker", .. args.Contains("up") ? ["--timeout", "180"] : Array.Empty<string>()]);
        return new Run(result.ExitCode, result.Out, result.Err);
    }

    protected override async Task WriteDataAsync(string value)
    {
        await using var redis = await ConnectToSubjectAsync();
        Assert.True(await redis.GetDatabase().StringSetAsync("conformance", value));
    }

    protected override async Task<string?> ReadDataAsync()
    {
        await using var redis = await ConnectToSubjectAsync();
        return await redis.GetDatabase().StringGetAsync("conformance");
    }

    /// <summary>The container and its main process: a restart keeps the container and changes the pid.</summary>
    protected override async Task<string> IdentityAsync() => await InspectAsync("{{.Id}} pid {{.State.Pid}}");

    protected override async Task KillServerAsync()
    {
        var pid = int.Parse(await InspectAsync("{{.State.Pid}}"), System.Globalization.CultureInfo.InvariantCulture);
        using var server = Process.GetProcessById(pid);
        server.Kill(); // SIGKILL from the host, as a crash: the restart policy applies (docker kill would count as a stop)
    }

    /// <summary>service.yaml unreadable: `down` finds Sonic's containers from the engine's own records (their labels).</summary>
    protected override Action BreakConfiguration()
    {
        var file = Path.Combine(tier.Root, "services", "cache", "service.yaml");
        var original = File.ReadAllText(file);
        File.WriteAllText(file, "name: [unclosed\n");
        return () => File.WriteAllText(file, original);
    }

    private async Task<string> InspectAsync(string format)
    {
        var inspect = await tier.DockerAsync("inspect", "--type", "container", "--format", format, Container);
        Assert.True(inspect.ExitCode == 0, inspect.Text);
        return inspect.Out.Trim();
    }
}
