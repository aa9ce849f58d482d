using System.Diagnostics;
using Arc.Platform.Bench;
using Arc.Platform.Drivers;
using Arc.Platform.Tests.Fixtures;

namespace Arc.Platform.Tests.Bench;

[Trait("Tier", "unit")]
public sealed class BenchSummaryTests
{
    [Fact]
    public void PercentilesUseNearestRankInMicroseconds()
    {
        var microsecond = Stopwatch.Frequency / 1_000_000.0;
        var ticks = Enumerable.Range(1, 100).Select(i => (long)Math.Round(i * microsecond)).Reverse().ToArray();

        var result = BenchRunner.Summarise("flash", "op", new BenchOptions(TimeSpan.FromSeconds(1), 2, 8), ticks, elapsedSeconds: 2);

        Assert.Equal(50, result.P50Us, precision: 0);
        Assert.Equal(99, result.P99Us, precision: 0);
        Assert.Equal(50, result.OpsPerSec);
        Assert.Equal((2, 8), (result.Clients, result.Size));
    }

    [Fact]
    public async Task NoClientsIsRejectedBeforeConnecting()
    {
        var workload = BenchWorkloads.For(SampleServices.Redis(FreePorts.Next()));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            BenchRunner.RunAsync("sonic", workload, new BenchOptions(TimeSpan.FromSeconds(1), 0, 8), CancellationToken.None));
    }

    [Fact]
    public async Task UnreachableServiceIsADriverErrorNamingIt()
    {
        var workload = BenchWorkloads.For(SampleServices.Nats(FreePorts.Next(), FreePorts.Next()));

        var error = await Assert.ThrowsAsync<DriverException>(() =>
            BenchRunner.RunAsync("flash", workload, new BenchOptions(TimeSpan.FromSeconds(1), 1, 8), CancellationToken.None));

        Assert.Contains("cannot reach flash", error.Message);
    }
}

[Trait("Tier", "native")]
public sealed class NatsBenchTests(NatsServerFixture nats) : IClassFixture<NatsServerFixture>
{
    [Fact]
    public async Task RequestReplyRoundTripsAgainstARealServer()
    {
        var result = await BenchRunner.RunAsync("flash", BenchWorkloads.For(nats.Service), new BenchOptions(TimeSpan.FromMilliseconds(300), 2, 64), CancellationToken.None);

        Assert.Equal("request-reply", result.Operation);
        Assert.True(result.OpsPerSec > 0);
        Assert.True(result.P50Us > 0 && result.P99Us >= result.P50Us);
    }
}

[Trait("Tier", "native")]
public sealed class RedisBenchTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task SetWritesRealKeysThatExpireAndAreRemoved()
    {
        var result = await BenchRunner.RunAsync("sonic", BenchWorkloads.For(redis.Service), new BenchOptions(TimeSpan.FromMilliseconds(300), 3, 32), CancellationToken.None);

        Assert.Equal("set", result.Operation);
        Assert.True(result.OpsPerSec > 0);
        Assert.True(result.P99Us >= result.P50Us);
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port}");
        Assert.Empty(connection.GetServer("127.0.0.1", redis.Port).Keys(pattern: "arc:bench:*"));
    }
}
