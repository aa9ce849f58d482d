namespace Arc.Platform.Tests.Cli.Commands;

/// <summary>
/// `arc env` over fake drivers and a copy of the real repository: a consumer setting it must not print is an
/// error located in consumers.yaml (exit 2, nothing printed), and a stopped service is labelled.
/// </summary>
[Trait("Tier", "unit")]
public sealed class EnvContractCommandTests : IDisposable
{
    private const string Sherlock = "SHERLOCK_SONIC_URL: {service: sonic, value: url}";
    private readonly TempRepo _repo = TempRepo.CopyOfRealRepo();
    private readonly FakeStack _fakes = FakeStack.Of();

    public void Dispose()
    {
        _repo.Dispose();
        _fakes.Dispose();
    }

    [Theory]
    [InlineData("PATH: {service: sonic, value: literal, literal: /tmp/evil}", "PATH is read by the shell")]
    [InlineData("LD_PRELOAD: {service: sonic, value: literal, literal: /tmp/evil.so}", "reserved LD_* family")]
    [InlineData("BASH_ENV: {service: sonic, value: literal, literal: /tmp/x}", "BASH_ENV is read by the shell")]
    [InlineData("DOTNET_STARTUP_HOOKS: {service: sonic, value: literal, literal: /tmp/x.dll}", "reserved DOTNET_* family")]
    [InlineData("PS4: {service: sonic, value: literal, literal: x}", "PS4 is read by the shell")]
    // The fakes' technology prints FAKE_URL as its generic name (the real ones: NATS_URL, REDIS_URL ...; see the verify break cases).
    [InlineData("FAKE_URL: {service: sonic, value: url}", "FAKE_URL is a name `arc env` prints itself")]
    [InlineData("CONNECTIONSTRINGS__FLASH: {service: sonic, value: url}", "prints itself")]
    [InlineData("CORTEX_BOOTSTRAP_NATS_URL: {service: sonic, value: url}", "under the same name")]
    [InlineData("SHERLOCK_SONIC_URL: {service: cache, value: url}", "names service 'cache', which is no codename")]
    public async Task A_setting_env_must_not_print_is_a_located_error_and_nothing_is_printed(string setting, string reason)
    {
        _repo.Replace("services/consumers.yaml", Sherlock, setting);
        var line = File.ReadAllLines(_repo.PathOf("services/consumers.yaml")).ToList().FindIndex(l => l.Contains(setting, StringComparison.Ordinal)) + 1;

        var run = await ArcRunner.RunAsync(_fakes.Cli(), CancellationToken.None, "--root", _repo.Root, "env", "flash", "sonic");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Out);
        Assert.StartsWith($"arc: services/consumers.yaml:{line}:", run.Err);
        Assert.Contains(reason, run.Err);
    }

    [Fact]
    public async Task The_same_name_with_the_same_value_in_two_consumers_is_printed_once_each_and_allowed()
    {
        _repo.Replace("services/consumers.yaml", Sherlock, "CORTEX_BOOTSTRAP_NATS_URL: {service: flash, value: url}");

        var run = await ArcRunner.RunAsync(_fakes.Cli(), CancellationToken.None, "--root", _repo.Root, "env", "flash", "sonic");

        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task A_stopped_service_is_labelled_and_a_running_one_is_not()
    {
        _fakes.Driver.AlreadyRunning("flash");

        var text = await ArcRunner.RunAsync(_fakes.Cli(), CancellationToken.None, "--root", _repo.Root, "env", "flash", "sonic");
        var json = await ArcRunner.RunAsync(_fakes.Cli(), CancellationToken.None, "--root", _repo.Root, "--json", "env", "flash", "sonic");

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("# sonic: stopped — installed but not running; its settings reach nothing until `arc up sonic`\n", text.Out);
        Assert.DoesNotContain("# flash: stopped", text.Out);
        Assert.Contains("export ConnectionStrings__sonic=", text.Out);
        var stopped = System.Text.Json.JsonDocument.Parse(json.Out).RootElement.GetProperty("stopped");
        Assert.Equal(["sonic"], stopped.EnumerateArray().Select(s => s.GetProperty("codename").GetString()));
        Assert.Equal("stopped", stopped[0].GetProperty("status").GetString());
    }
}
