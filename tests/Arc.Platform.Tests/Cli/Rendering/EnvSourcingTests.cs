using Arc.Cli.Rendering;
using Arc.Platform.Connections;

namespace Arc.Platform.Tests.Cli.Rendering;

/// <summary>
/// Each `arc env` format is loaded the way users load it, with hostile values: shell by `eval` and `.`, dotenv by
/// `set -a; . file`, each under bash and under dash (POSIX sh); JSON by a JSON reader. Nothing may run (a command
/// substitution would create a marker file) and every value must come back byte for byte.
/// </summary>
[Trait("Tier", "unit")]
public sealed class EnvSourcingTests : IDisposable
{
    private static readonly string[] Hostile =
    [
        "$(touch MARKER)", "`touch MARKER`", "it's", "\"double\"", "back\\slash\\n", "two\nlines\n", "$HOME ${PATH} $((1+1))",
        "'; touch MARKER; '", "\"; touch MARKER; \"", "a b\tc", "!event", "~root", "*", "x=y;z", "\\`touch MARKER\\`", "",
    ];

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string, string, string> Loaders => new()
    {
        { "shell", "bash", "eval \"$(cat \"$1\")\"" },
        { "shell", "dash", "eval \"$(cat \"$1\")\"" },
        { "shell", "bash", ". \"$1\"" },
        { "shell", "dash", ". \"$1\"" },
        { "dotenv", "bash", "set -a; . \"$1\"; set +a" },
        { "dotenv", "dash", "set -a; . \"$1\"; set +a" },
    };

    [Theory]
    [MemberData(nameof(Loaders))]
    public async Task Hostile_values_round_trip_and_run_nothing(string format, string shell, string load)
    {
        var marker = Path.Combine(_temp.Path, "MARKER");
        var settings = new EnvSettings(NetworkView.Host, [.. Hostile.Select((v, i) => new EnvVariable($"V{i}", v.Replace("MARKER", marker, StringComparison.Ordinal), "test"))],
            [new EnvOmission("strange", "skipped", $"not installed\ntouch {marker}")])
        { Stopped = [new EnvOmission("sonic", "stopped", $"down\n$(touch {marker})")] };
        var file = Path.Combine(_temp.Path, "env");
        File.WriteAllText(file, EnvFormat.Render(settings, format == "shell" ? EnvFormatKind.Shell : EnvFormatKind.Dotenv));
        // Each value printed NUL-terminated, so newlines and empty values survive the trip back.
        var print = string.Concat(Hostile.Select((_, i) => $"printf '%s\\0' \"$V{i}\"; "));

        var run = await KitProcess.RunAsync(shell, ["-c", $"cd \"$2\" && {load} && {print}", shell, file, _temp.Path],
            new Dictionary<string, string>(), TimeSpan.FromSeconds(10));

        Assert.True(run.ExitCode == 0, run.Err);
        Assert.False(File.Exists(marker), "a value or a comment ran a command");
        Assert.Equal([.. settings.Variables.Select(v => v.Value)], run.Out.Split('\0')[..^1]);
    }

    [Fact]
    public void Json_round_trips_every_value()
    {
        var settings = new EnvSettings(NetworkView.Host, [.. Hostile.Select((v, i) => new EnvVariable($"V{i}", v, "test"))], []);

        var json = System.Text.Json.JsonDocument.Parse(EnvFormat.Render(settings, EnvFormatKind.Json)).RootElement.GetProperty("variables");

        Assert.Equal(Hostile, Hostile.Select((_, i) => json.GetProperty($"V{i}").GetString()));
    }

    [Fact]
    public void A_stopped_service_is_labelled_in_every_format()
    {
        var settings = new EnvSettings(NetworkView.Host, [new EnvVariable("REDIS_URL", "redis://127.0.0.1:6379", "generic")], [])
        {
            Stopped = [new EnvOmission("sonic", "stopped", "installed but not running; its settings reach nothing until `arc up sonic`")],
        };

        var shell = EnvFormat.Render(settings, EnvFormatKind.Shell);
        var json = System.Text.Json.JsonDocument.Parse(EnvFormat.Render(settings, EnvFormatKind.Json)).RootElement;

        Assert.Contains("# sonic: stopped — installed but not running; its settings reach nothing until `arc up sonic`\n", shell);
        Assert.Contains("# sonic: stopped", EnvFormat.Render(settings, EnvFormatKind.Dotenv));
        Assert.Equal(("sonic", "stopped"), (json.GetProperty("stopped")[0].GetProperty("codename").GetString(), json.GetProperty("stopped")[0].GetProperty("status").GetString()));
    }
}
