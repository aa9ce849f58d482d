using System.Text.Json;
using NATS.Client.Core;

namespace Arc.Platform.Tests.Cli.Commands;

/// <summary>`arc env` against servers `arc up` started: each format read by a real bash, then used by real clients.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class EnvCommandTests
{
    [NativeTheory]
    [InlineData("shell", ". \"$1\"")]
    [InlineData("dotenv", "set -a; . \"$1\"; set +a")]
    public async Task Evaluated_by_bash_redis_cli_gets_PONG_and_a_nats_client_connects(string format, string load)
    {
        await using var stack = NativeStack.Create();
        Assert.True((await stack.UpAsync("transport")).Success);
        var env = await stack.ArcAsync("env", "flash", "sonic", "strange", "--format", format);
        Assert.True(env.ExitCode == 0, env.Err);
        Assert.Contains("# strange: skipped — ", env.Out);
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "arc.env");
        File.WriteAllText(file, env.Out);

        var bash = await KitProcess.RunAsync("bash", ["-c", $"{load}; redis-cli -u \"$REDIS_URL\" ping; printf '%s\\n' \"$NATS_URL\"", "bash", file],
            new Dictionary<string, string>(), TimeSpan.FromSeconds(20));

        Assert.True(bash.ExitCode == 0, bash.Text);
        var lines = bash.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("PONG", lines[0]);
        await using var nats = new NatsConnection(new NatsOpts { Url = lines[1] });
        await nats.ConnectAsync();
        Assert.Equal(NatsConnectionState.Open, nats.ConnectionState);
    }

    [NativeFact]
    public async Task Json_values_connect_the_same_clients()
    {
        await using var stack = NativeStack.Create();
        Assert.True((await stack.UpAsync("flash", "sonic")).Success);
        var env = await stack.ArcAsync("env", "flash", "sonic", "--format", "json");
        using var document = JsonDocument.Parse(env.Out);
        var variables = document.RootElement.GetProperty("variables");

        var bash = await KitProcess.RunAsync("bash", ["-c", "redis-cli -u \"$REDIS_URL\" ping"],
            new Dictionary<string, string> { ["REDIS_URL"] = variables.GetProperty("REDIS_URL").GetString()! }, TimeSpan.FromSeconds(20));
        await using var nats = new NatsConnection(new NatsOpts { Url = variables.GetProperty("CORTEX_BOOTSTRAP_NATS_URL").GetString()! });
        await nats.ConnectAsync();

        Assert.Equal("PONG", bash.Out.Trim());
        Assert.Equal(NatsConnectionState.Open, nats.ConnectionState);
        Assert.Equal("host", document.RootElement.GetProperty("network").GetString());
    }
}
