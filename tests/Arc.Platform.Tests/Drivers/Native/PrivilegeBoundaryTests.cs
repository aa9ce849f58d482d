using Arc.Platform.Drivers;
using Arc.Platform.Drivers.Native;

namespace Arc.Platform.Tests.Drivers.Native;

/// <summary>
/// What a checkout's compose file can make a root arc run: only the technology's own server, by an
/// absolute path, through a chain that never looks at the compose environment before privileges drop.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PrivilegeBoundaryTests
{
    private const string CacheCompose = "services/cache/docker-compose.yml";
    private const string ExporterEnvironment = "      REDIS_ADDR: \"redis://arc-cache:6379\"\n";

    [NativeTheory]
    [InlineData("PATH")]
    [InlineData("LD_PRELOAD")]
    [InlineData("ENV")]
    [InlineData("BASH_ENV")]
    public async Task A_compose_environment_entry_reaches_only_the_unprivileged_exporter_never_the_launch_chain(string variable)
    {
        using var evil = new TempDirectory();
        var marker = Path.Combine(evil.Path, "ran-as-root");
        foreach (var tool in new[] { "setsid", "setpriv", "env", "sh", "dash", "sleep", "stat", "cat", "date" })
        {
            File.WriteAllText(Path.Combine(evil.Path, tool), $"#!/bin/sh\nid -u >> {marker}\nexec /usr/bin/{tool} \"$@\"\n");
            File.SetUnixFileMode(Path.Combine(evil.Path, tool), (UnixFileMode)0x1ED);
        }
        var value = variable == "PATH" ? evil.Path : Path.Combine(evil.Path, "sh");
        await using var stack = NativeStack.Create(repo => repo.Replace(CacheCompose, ExporterEnvironment, $"{ExporterEnvironment}      {variable}: \"{value}\"\n"));

        var result = await stack.UpAsync("sonic");

        Assert.True(result.Success, Results.Describe(result));
        var exporter = Assert.Single(stack.ServicePids("sonic"), pid => ProcessTable.Executable(pid)!.EndsWith("prometheus-redis-exporter", StringComparison.Ordinal));
        Assert.Contains($"{variable}={value}", Environ(exporter));
        Assert.NotEqual(0, ProcessFacts.RealUid(exporter));
        Assert.False(File.Exists(marker) && File.ReadAllText(marker).Split('\n').Contains("0"), "a planted program ran as root");
        var supervisor = stack.Record("sonic").Sidecars.Single().Pid;
        Assert.Equal($"PATH={LaunchChain.SystemPath}", Environ(supervisor).Single(v => v.StartsWith("PATH=", StringComparison.Ordinal)));
    }

    [NativeTheory]
    [InlineData("[\"sh\", \"-c\", \"redis-server --port 6379\"]", "sh")]
    [InlineData("[\"/bin/bash\", \"-c\", \"redis-server\"]", "/bin/bash")]
    [InlineData("[\"python3\", \"-m\", \"http.server\"]", "python3")]
    [InlineData("[\"./redis-server\", \"--port\", \"6379\"]", "./redis-server")]
    [InlineData("[\"redis-server-evil\", \"--port\", \"6379\"]", "redis-server-evil")]
    public async Task A_compose_command_whose_program_is_not_the_server_is_refused_with_its_location(string command, string program)
    {
        await using var stack = NativeStack.Create(repo => repo.Replace(CacheCompose,
            "command: [\"redis-server\", \"--appendonly\", \"yes\", \"--appendfsync\", \"everysec\", \"--maxmemory\", \"512mb\", \"--maxmemory-policy\", \"noeviction\", \"--aclfile\", \"/run/secrets/arc-cache-acl\"]",
            $"command: {command}"));

        var run = await stack.ArcAsync("up", "sonic", "--driver", "native", "--timeout", "10");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("docker-compose.yml:", run.Err);
        Assert.Contains($"runs '{program}'; the native driver runs only redis-server itself", run.Err);
        Assert.Null(stack.Driver.LiveRecord("sonic"));
        Assert.False(PortCheck.IsAnswering(stack.Service("sonic").Port("client").Host));
    }

    [NativeFact]
    public async Task A_server_binary_planted_inside_the_checkout_is_not_run()
    {
        await using var stack = NativeStack.Create();
        var planted = stack.Repo.PathOf("bin/redis-server");
        Directory.CreateDirectory(Path.GetDirectoryName(planted)!);
        File.Copy("/usr/bin/redis-check-rdb", planted);
        stack.Repo.Replace(CacheCompose, "command: [\"redis-server\",", $"command: [\"{planted}\",");

        var run = await stack.ArcAsync("up", "sonic", "--driver", "native", "--timeout", "10");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"refusing to run {planted}: it lies inside the checkout", run.Out + run.Err);
        Assert.Null(stack.Driver.LiveRecord("sonic"));
    }

    [NativeTheory]
    [InlineData("-u")]
    [InlineData("A=B")]
    [InlineData("")]
    [InlineData("1ABC")]
    [InlineData("PATH ")]
    public void An_environment_name_env_would_take_for_an_option_or_an_assignment_is_refused(string name)
    {
        var error = Assert.Throws<DriverException>(() =>
            LaunchChain.WithEnvironment("/usr/bin/true", [], new Dictionary<string, string> { [name] = "x" }, "/"));
        Assert.Contains("not a valid name", error.Message);
    }

    [NativeFact]
    public void The_chain_is_absolute_and_drops_privileges_before_the_environment_applies()
    {
        var chain = LaunchChain.DropPrivileges().Concat(LaunchChain.WithEnvironment("/usr/bin/true", [], new Dictionary<string, string> { ["PATH"] = "/tmp" }, "/")).ToList();

        Assert.StartsWith("/", chain[0]);
        if (Environment.IsPrivilegedProcess)
            Assert.True(chain.IndexOf(LaunchChain.Tool("setpriv")) < chain.IndexOf("PATH=/tmp"));
        Assert.Equal(LaunchChain.Tool("env"), chain[chain.IndexOf("-i") - 1]);
    }

    private static string[] Environ(int pid) => File.ReadAllText($"/proc/{pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries);
}
