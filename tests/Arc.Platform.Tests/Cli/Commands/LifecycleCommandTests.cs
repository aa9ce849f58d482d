using Arc.Platform.Drivers;
using Arc.Cli;

namespace Arc.Platform.Tests.Cli.Commands;

/// <summary>
/// The lifecycle commands as a user runs them, wired to a fake driver and technology over a copy of the
/// real registry: exit codes, validation by the parser, and the top-level guard. No server.
/// </summary>
[Trait("Tier", "unit")]
public sealed class LifecycleCommandTests : IDisposable
{
    private readonly TempRepo _repo = TempRepo.CopyOfRealRepo();
    private readonly FakeStack _fakes = FakeStack.Of();

    public void Dispose()
    {
        _repo.Dispose();
        _fakes.Dispose();
    }

    [Fact]
    public async Task Ctrl_c_during_up_exits_130_says_what_keeps_running_and_stops_nothing()
    {
        using var ctrlC = new CancellationTokenSource();
        _fakes.Technology.HangsWhenProbed("sonic", ctrlC.Cancel);

        var run = await ArcRunner.RunAsync(_fakes.Cli(), ctrlC.Token, "--root", _repo.Root, "up", "flash", "sonic");

        Assert.Equal(130, run.ExitCode);
        Assert.Contains("arc: interrupted: servers already started keep running; `arc status` shows them, `arc down` stops them" + Environment.NewLine, run.Err);
        Assert.EndsWith("arc: interrupted" + Environment.NewLine, run.Err);
        Assert.Empty(_fakes.Log.Of("stop"));
        Assert.True(_fakes.Driver.Running.ContainsKey("sonic"));
    }

    [Fact]
    public async Task An_unexpected_exception_is_an_internal_error_exit_70_in_one_line_without_a_stack_trace()
    {
        _fakes.Driver.Crashes("sonic", "index was outside the bounds of the array");

        var run = await ArcRunner.RunAsync(_fakes.Cli(), CancellationToken.None, "--root", _repo.Root, "up", "sonic");

        Assert.Equal(70, run.ExitCode);
        Assert.Equal("arc: internal error: index was outside the bounds of the array", run.Err.Trim().Split('\n')[^1]);
        Assert.DoesNotContain(" at ", run.Err);
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task A_docker_engine_that_does_not_answer_is_worded_with_the_driver_option_to_use_instead()
    {
        var silentEngine = new ArcServices((registry, events) =>
            new Platform.Lifecycle.ServiceLifecycle(registry, new Platform.Drivers.DriverSelection([new(_fakes.Driver), SilentDockerEngine(registry.Root)]), _ => _fakes.Technology, events));

        var failed = await ArcRunner.RunAsync(silentEngine, CancellationToken.None, "--root", _repo.Root, "up", "sonic", "--driver", "docker");

        Assert.Equal(1, failed.ExitCode);
        Assert.EndsWith("arc: --driver docker: no Docker engine answers (is dockerd running and DOCKER_HOST right?); use --driver native" + Environment.NewLine, failed.Err);
        Assert.Empty(_fakes.Log.Of("start"));
    }

    [Theory]
    [InlineData("--format", "yaml", "arc: --format yaml: must be shell, dotenv or json")]
    [InlineData("--format", "", "arc: --format : must be shell, dotenv or json")]
    [InlineData("--network", "lan", "arc: --network lan: must be host (this machine), platform (containers on arc_platform_net) or kubernetes (pods in the cluster)")]
    public async Task Env_with_an_unknown_format_or_network_is_refused_by_the_parser_naming_the_choices(string option, string value, string error)
    {
        var env = await ArcRunner.RunAsync(_fakes.Cli(), CancellationToken.None, "--root", _repo.Root, "env", "sonic", option, value);

        Assert.Equal(2, env.ExitCode);
        Assert.Equal(error, env.Err.Split(Environment.NewLine)[0]);
        Assert.Empty(env.Out);
        Assert.Empty(_fakes.Log.Calls);
    }

    [Fact]
    public async Task Help_lists_each_choice_option_with_its_words_and_its_default_as_typed()
    {
        var help = await ArcRunner.RunAsync(_fakes.Cli(), CancellationToken.None, "env", "--help");

        Assert.Equal(0, help.ExitCode);
        Assert.Matches(@"--driver <auto\|native\|docker> .* \[default: auto\]", help.Out);
        Assert.Matches(@"--network <host\|platform\|kubernetes> .* \[default: host\]", help.Out);
        Assert.Matches(@"--format <shell\|dotenv\|json> .* \[default: shell\]", help.Out);
    }

    [Fact]
    public async Task A_driver_error_exits_1_and_a_usage_error_2()
    {
        var failed = await ArcRunner.RunAsync(_fakes.Cli(), CancellationToken.None, "--root", _repo.Root, "up", "sonic", "--driver", "docker");
        var unknown = await ArcRunner.RunAsync(_fakes.Cli(), CancellationToken.None, "--root", _repo.Root, "up", "sonnic");

        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("arc: --driver docker: this build of arc has no docker driver; use --driver native" + Environment.NewLine, failed.Err);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("unknown target 'sonnic'", unknown.Err);
    }

    [Theory]
    [InlineData("up")]
    [InlineData("down")]
    [InlineData("health")]
    [InlineData("status")]
    [InlineData("logs")]
    public async Task An_unknown_driver_is_refused_by_the_parser_listing_the_choices(string command)
    {
        var run = await ArcRunner.RunAsync(_fakes.Cli(), CancellationToken.None, "--root", _repo.Root, command, "--driver", "podman");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("arc: --driver podman: expected one of auto, native, docker", run.Err);
        Assert.Empty(_fakes.Log.Calls);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public async Task A_timeout_that_is_not_positive_is_refused_by_the_parser(string seconds)
    {
        var run = await ArcRunner.RunAsync(_fakes.Cli(), CancellationToken.None, "--root", _repo.Root, "up", "sonic", "--timeout", seconds);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"--timeout {seconds}: expected a whole number of seconds from 1 to 86400", run.Err);
        Assert.Empty(_fakes.Log.Calls);
    }

    [Fact]
    public async Task Up_json_over_fakes_is_one_document_with_the_documented_fields()
    {
        _fakes.Driver.RuntimeMissing("strange");

        var run = await ArcRunner.RunAsync(_fakes.Cli(), CancellationToken.None, "--root", _repo.Root, "--json", "up", "transport", "--driver", "native");

        Assert.Equal(0, run.ExitCode);
        using var document = System.Text.Json.JsonDocument.Parse(run.Out);
        Assert.True(document.RootElement.TryGetProperty("elapsed_ms", out _));
        var rows = document.RootElement.GetProperty("services").EnumerateArray().ToList();
        Assert.Equal(["flash", "strange", "sonic"], rows.Select(r => r.GetProperty("codename").GetString()));
        Assert.All(rows, r => Assert.Equal(
            ["codename", "name", "status", "driver", "endpoint", "latency_ms", "detail"], r.EnumerateObject().Select(p => p.Name).Take(7)));
        Assert.Equal("created", rows[0].GetProperty("provisioned")[0].GetProperty("action").GetString());
        Assert.False(rows[1].TryGetProperty("provisioned", out _));
    }

    [Fact]
    public async Task A_skip_names_the_other_driver_in_the_same_words_in_progress_table_json_status_and_env()
    {
        const string missing = "Pulsar is not installed: install Apache Pulsar and set PULSAR_HOME to it";
        const string worded = missing + ", or use --driver docker";
        _fakes.Driver.RuntimeMissing("strange", missing, new UseDriver(Platform.Drivers.DriverChoice.Docker));

        var up = await ArcRunner.RunAsync(_fakes.Cli(), CancellationToken.None, "--root", _repo.Root, "up", "strange");
        var upJson = await ArcRunner.RunAsync(_fakes.Cli(), CancellationToken.None, "--root", _repo.Root, "--json", "up", "strange");
        var status = await ArcRunner.RunAsync(_fakes.Cli(), CancellationToken.None, "--root", _repo.Root, "--json", "status");
        var env = await ArcRunner.RunAsync(_fakes.Cli(), CancellationToken.None, "--root", _repo.Root, "env", "strange");
        var envJson = await ArcRunner.RunAsync(_fakes.Cli(), CancellationToken.None, "--root", _repo.Root, "env", "strange", "--format", "json");

        Assert.Equal(1, up.ExitCode);
        Assert.Contains($"strange: skipped: {worded}" + Environment.NewLine, up.Err);
        Assert.Contains($" {worded}" + Environment.NewLine, up.Out);
        Assert.Equal(worded, DetailOf(upJson.Out, "strange"));
        Assert.Equal(worded, DetailOf(status.Out, "strange"));
        Assert.Contains($"# strange: skipped — {worded}\n", env.Out.ReplaceLineEndings("\n"));
        using var omissions = System.Text.Json.JsonDocument.Parse(envJson.Out);
        Assert.Equal(worded, omissions.RootElement.GetProperty("omitted")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_refused_start_that_names_a_remedy_is_worded_after_its_message_in_progress_and_row()
    {
        const string worded = "/r/.arc/run/sonic.json: unreadable run record (it holds null); " +
            "`arc down` stops the server by what it can prove, or says what it could not stop";
        _fakes.Driver.FailsToStart("sonic", "/r/.arc/run/sonic.json: unreadable run record (it holds null)", new StopFromProof());

        var up = await ArcRunner.RunAsync(_fakes.Cli(), CancellationToken.None, "--root", _repo.Root, "up", "sonic");
        var upJson = await ArcRunner.RunAsync(_fakes.Cli(), CancellationToken.None, "--root", _repo.Root, "--json", "up", "sonic");

        Assert.Equal(1, up.ExitCode);
        Assert.Contains($"sonic: FAILED: {worded}" + Environment.NewLine, up.Err);
        Assert.Equal(worded, DetailOf(upJson.Out, "sonic"));
    }

    private static string? DetailOf(string json, string codename)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.GetProperty("services").EnumerateArray()
            .Single(r => r.GetProperty("codename").GetString() == codename).GetProperty("detail").GetString();
    }

    /// <summary>The docker driver as registered, asked through an engine that never answers.</summary>
    private static Platform.Drivers.DriverRegistration SilentDockerEngine(string root) =>
        Platform.Drivers.Docker.DockerRegistration.Entry.Register(new Platform.Drivers.DriverSite(root, _ => throw new InvalidOperationException("no technology")))
            with
        { Answers = _ => Task.FromResult(false) };
}
