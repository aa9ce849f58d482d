using Arc.Platform.Drivers;
using Arc.Cli.Rendering;
using Arc.Platform.Connections;
using Arc.Platform.Lifecycle;

namespace Arc.Platform.Tests.Cli.Rendering;

/// <summary>`arc env`'s renderings of connection settings: shell safe to eval, dotenv quoted where needed, JSON, and omissions with their remedy.</summary>
[Trait("Tier", "unit")]
public sealed class EnvFormatTests
{
    [Fact]
    public async Task Shell_output_evaluated_by_bash_yields_each_value_verbatim_and_runs_nothing()
    {
        const string hostile = "it's $(touch /tmp/arc-env-pwned) `id` \"x\" \\ ; $HOME";
        var settings = new EnvSettings(NetworkView.Host, [new EnvVariable("ODD", hostile, "test")],
            [new EnvOmission("strange", "skipped", "not installed\nexport INJECTED=1")]);
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "env.sh");
        File.WriteAllText(file, EnvFormat.Render(settings, EnvFormatKind.Shell));

        var bash = await KitProcess.RunAsync("bash", ["-c", ". \"$1\"; printf '%s|%s' \"$ODD\" \"${INJECTED-unset}\"", "bash", file],
            new Dictionary<string, string>(), TimeSpan.FromSeconds(10));

        Assert.Equal(0, bash.ExitCode);
        Assert.Equal($"{hostile}|unset", bash.Out);
        Assert.False(File.Exists("/tmp/arc-env-pwned"));
    }

    [Fact]
    public void Dotenv_quotes_only_values_that_need_it_and_json_carries_names_values_and_omissions()
    {
        var settings = new EnvSettings(NetworkView.Host,
            [new EnvVariable("NATS_URL", "nats://127.0.0.1:4222", "generic"), new EnvVariable("SPACED", "a b$c", "test")],
            [new EnvOmission("strange", "skipped", "no Pulsar")]);

        var dotenv = EnvFormat.Render(settings, EnvFormatKind.Dotenv);
        var json = System.Text.Json.JsonDocument.Parse(EnvFormat.Render(settings, EnvFormatKind.Json)).RootElement;

        Assert.Contains("\nNATS_URL=nats://127.0.0.1:4222\n", dotenv);
        Assert.Contains("\nSPACED='a b$c'\n", dotenv);
        Assert.Contains("# strange: skipped — no Pulsar\n", dotenv);
        Assert.Equal("nats://127.0.0.1:4222", json.GetProperty("variables").GetProperty("NATS_URL").GetString());
        Assert.Equal("strange", json.GetProperty("omitted")[0].GetProperty("codename").GetString());
    }

    [Fact]
    public void An_omission_that_names_another_driver_says_so_in_the_comment_and_in_json()
    {
        var settings = new EnvSettings(NetworkView.Host, [],
            [new EnvOmission("strange", "skipped", "Pulsar is not installed: install Apache Pulsar and set PULSAR_HOME to it", new UseDriver(DriverChoice.Docker))]);

        var shell = EnvFormat.Render(settings, EnvFormatKind.Shell);
        var json = System.Text.Json.JsonDocument.Parse(EnvFormat.Render(settings, EnvFormatKind.Json)).RootElement;

        Assert.Contains("# strange: skipped — Pulsar is not installed: install Apache Pulsar and set PULSAR_HOME to it, or use --driver docker\n", shell);
        Assert.Equal("Pulsar is not installed: install Apache Pulsar and set PULSAR_HOME to it, or use --driver docker",
            json.GetProperty("omitted")[0].GetProperty("reason").GetString());
    }
}
