
namespace Arc.Platform.Tests.Cli.Commands;

/// <summary>The parser refuses out-of-range options before anything connects (exit 2, the option named).</summary>
/// <remarks>
/// Hermetic even if a refusal regressed: every run is on a copy whose Sonic and Flash publish free ports
/// where nothing listens, never the checkout (whose 6379 and 4222 a user's stack may serve).
/// </remarks>
[Trait("Tier", "unit")]
public sealed class BenchCommandTests : IDisposable
{
    private readonly TempRepo _repo = Bench.BenchRepo.For(redisPort: FreePorts.Next(), natsPort: FreePorts.Next());

    public void Dispose() => _repo.Dispose();

    [Theory]
    [InlineData("--clients", "0")]
    [InlineData("--clients", "1025")]
    [InlineData("--size", "-1")]
    [InlineData("--size", "8388609")]
    [InlineData("--pipeline", "0")]
    [InlineData("--pipeline", "4097")]
    [InlineData("--duration", "0")]
    [InlineData("--duration", "3601")]
    [InlineData("--requests", "0")]
    public async Task An_option_out_of_range_is_a_usage_error_naming_it(string option, string value)
    {
        var result = await ArcRunner.RunAsync("--root", _repo.Root, "bench", "sonic", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.Err);
    }

    [Fact]
    public async Task Duration_and_requests_exclude_each_other()
    {
        var result = await ArcRunner.RunAsync("--root", _repo.Root, "bench", "sonic", "--duration", "1", "--requests", "10");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("exclude each other", result.Err);
    }

    [Theory]
    [InlineData("sonic", "publish", "set, get, mixed")]
    [InlineData("flash", "get", "request-reply, publish, pubsub, js-publish")]
    public async Task An_operation_the_service_does_not_have_lists_the_ones_it_has(string service, string operation, string listed)
    {
        var result = await ArcRunner.RunAsync("--root", _repo.Root, "bench", service, "--op", operation);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(listed, result.Err);
    }

    [Theory]
    [InlineData("sonic")]
    [InlineData("flash")]
    public async Task A_service_nothing_answers_for_is_a_driver_error_that_suggests_bringing_it_up(string service)
    {
        var result = await ArcRunner.RunAsync("--root", _repo.Root, "bench", service, "--requests", "1");

        Assert.Equal(1, result.ExitCode);
        var line = result.Err.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.StartsWith($"arc: cannot reach {service} to benchmark it (", line);
        Assert.EndsWith($"); is it up? try 'arc up {service}'", line);
    }

    [Fact]
    public async Task Raw_has_an_anchor_only_for_publishes()
    {
        var result = await ArcRunner.RunAsync("--root", _repo.Root, "bench", "sonic", "--raw");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--raw has no anchor for sonic set", result.Err);
    }
}
