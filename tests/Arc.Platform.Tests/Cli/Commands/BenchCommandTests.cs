
namespace Arc.Platform.Tests.Cli.Commands;

/// <summary>The parser refuses out-of-range options before anything connects (exit 2, the option named).</summary>
[Trait("Tier", "unit")]
public sealed class BenchCommandValidationTests
{
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
    public async Task AnOptionOutOfRangeIsAUsageErrorNamingIt(string option, string value)
    {
        var result = await ArcRunner.RunAsync("bench", "sonic", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.Err);
    }

    [Fact]
    public async Task DurationAndRequestsExcludeEachOther()
    {
        var result = await ArcRunner.RunAsync("bench", "sonic", "--duration", "1", "--requests", "10");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("exclude each other", result.Err);
    }

    [Theory]
    [InlineData("sonic", "publish", "set, get, mixed")]
    [InlineData("flash", "get", "request-reply, publish, pubsub, js-publish")]
    public async Task AnOperationTheServiceDoesNotHaveListsTheOnesItHas(string service, string operation, string listed)
    {
        var result = await ArcRunner.RunAsync("--root", TempRepo.RealRoot, "bench", service, "--op", operation);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(listed, result.Err);
    }

    [Fact]
    public async Task RawHasAnAnchorOnlyForPublishes()
    {
        var result = await ArcRunner.RunAsync("--root", TempRepo.RealRoot, "bench", "sonic", "--raw");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--raw has no anchor for sonic set", result.Err);
    }
}
