using System.Diagnostics;
using System.Text;
using Arc.Platform.Bench;
using Arc.Platform.Drivers;
using Arc.Platform.Technologies.Nats;
using Arc.Platform.Technologies.Redis;

namespace Arc.Platform.Tests.Bench;

[Trait("Tier", "unit")]
public sealed class LatencyHistogramTests
{
    private static readonly double TicksPerMicrosecond = Stopwatch.Frequency / 1_000_000.0;

    [Fact]
    public void Percentiles_are_nearest_rank_within_the_bucket_precision()
    {
        var histogram = new LatencyHistogram();
        foreach (var microseconds in Enumerable.Range(1, 1000).Reverse())
            histogram.Record((long)(microseconds * TicksPerMicrosecond));

        Assert.Equal(1000, histogram.Count);
        Assert.InRange(histogram.PercentileMicroseconds(0.50)!.Value, 500, 500 * 1.016);
        Assert.InRange(histogram.PercentileMicroseconds(0.99)!.Value, 990, 990 * 1.016);
        Assert.InRange(histogram.PercentileMicroseconds(0.999)!.Value, 999, 999 * 1.016);
    }

    [Fact]
    public void Merged_histograms_count_every_sample_and_batches_count_per_operation()
    {
        var fast = new LatencyHistogram();
        var slow = new LatencyHistogram();
        fast.Record((long)(10 * TicksPerMicrosecond), times: 90);
        slow.Record((long)(5000 * TicksPerMicrosecond), times: 10);

        fast.Add(slow);

        Assert.Equal(100, fast.Count);
        Assert.InRange(fast.PercentileMicroseconds(0.90)!.Value, 10, 10.2);
        Assert.InRange(fast.PercentileMicroseconds(0.91)!.Value, 5000, 5080);
    }

    [Fact]
    public void An_empty_histogram_has_no_percentiles() => Assert.Null(new LatencyHistogram().PercentileMicroseconds(0.5));

    [Theory]
    [InlineData(0L)]
    [InlineData(127L)]
    [InlineData(128L)]
    [InlineData(1_000_003L)]
    [InlineData(3_600_000_000_000L)]
    public void Every_value_lands_in_a_bucket_that_holds_it(long value)
    {
        var index = LatencyHistogram.Index(value);
        Assert.True(LatencyHistogram.HighestValue(index) >= value);
        Assert.True(index == 0 || LatencyHistogram.HighestValue(index - 1) < value);
    }
}

[Trait("Tier", "unit")]
public sealed class BenchBudgetAndOptionsTests
{
    [Fact]
    public async Task A_request_count_is_handed_out_exactly_once_across_clients()
    {
        var budget = new BenchBudget(new BenchOptions(null, 100_003, 8, 8, 32));

        var taken = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            long sum = 0;
            int batch;
            while ((batch = budget.Take(32)) > 0)
                sum += batch;
            return sum;
        })));

        Assert.Equal(100_003, taken.Sum());
    }

    [Theory]
    [InlineData(0, 8, 1)]
    [InlineData(4, -1, 1)]
    [InlineData(4, 8, 0)]
    [InlineData(4, 8, BenchOptions.MaxPipeline + 1)]
    public void Options_outside_the_parser_ranges_are_refused(int clients, int size, int pipeline) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BenchOptions(TimeSpan.FromSeconds(1), null, clients, size, pipeline).Validate());

    [Fact]
    public async Task An_unreachable_service_is_a_driver_error_naming_it()
    {
        var workload = new RedisTechnology().Benchmark(SampleServices.Redis(FreePorts.Next()), "set");

        var error = await Assert.ThrowsAsync<DriverException>(() => workload.RunAsync(new BenchOptions(null, 10, 1, 8), CancellationToken.None));

        Assert.Contains("cannot reach sonic", error.Message);
    }

    [Theory]
    [InlineData("set", 1, true)]
    [InlineData("get", 1, true)]
    [InlineData("set", 32, false)]
    [InlineData("mixed", 2, false)]
    public void Only_unpipelined_sonic_runs_ask_for_inline_socket_completions(string operation, int pipeline, bool inline)
    {
        var workload = new RedisTechnology().Benchmark(SampleServices.Redis(FreePorts.Next()), operation);

        Assert.Equal(inline, workload.PrefersInlineSocketCompletions(new BenchOptions(null, 10, 50, 128, pipeline)));
    }

    [Fact]
    public void Workloads_without_a_preference_keep_the_runtimes_default()
    {
        var workload = new NatsTechnology().Benchmark(SampleServices.Nats(FreePorts.Next(), FreePorts.Next()), "publish");

        Assert.False(workload.PrefersInlineSocketCompletions(new BenchOptions(null, 10, 1, 128, 1)));
    }
}

[Trait("Tier", "unit")]
public sealed class NatsFrameCounterTests
{
    private const string Acks = "INFO {\"max_payload\":1048576}\r\n+OK\r\nMSG _INBOX.a 1 22\r\n{\"stream\":\"S\",\"seq\":1}\r\nMSG _INBOX.a 1 22\r\n{\"stream\":\"S\",\"seq\":2}\r\nPONG\r\n";

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1000)]
    public void Counts_acks_and_pongs_however_the_bytes_are_split(int chunk)
    {
        var counter = new NatsFrameCounter();
        var bytes = Encoding.ASCII.GetBytes(Acks);

        for (var i = 0; i < bytes.Length; i += chunk)
            counter.Feed(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)));

        Assert.Equal((2L, 1L, (string?)null), (counter.Messages, counter.Pongs, counter.Failure));
    }

    [Theory]
    [InlineData("MSG _INBOX.a 1 35\r\n{\"error\":{\"code\":503,\"err_code\":1}}\r\n", "JetStream error ack")]
    [InlineData("HMSG _INBOX.a 1 16 16\r\nNATS/1.0 503\r\n\r\n\r\n", "status message")]
    [InlineData("-ERR 'Maximum Payload Violation'\r\n", "Maximum Payload")]
    public void The_first_failure_is_kept(string frames, string expected)
    {
        var counter = new NatsFrameCounter();

        counter.Feed(Encoding.ASCII.GetBytes(frames));

        Assert.Contains(expected, counter.Failure);
    }
}

[Trait("Tier", "unit")]
public sealed class RespReplyCounterTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(1000)]
    public void Counts_ok_and_bulk_replies_however_the_bytes_are_split(int chunk)
    {
        var counter = new RespReplyCounter(valueLength: 5);
        var bytes = Encoding.ASCII.GetBytes("+OK\r\n$5\r\nxx\r\nx\r\n+OK\r\n");
        counter.Expect(3);

        for (var i = 0; i < bytes.Length; i += chunk)
        {
            Assert.False(counter.Done);
            counter.Feed(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)));
        }

        Assert.True(counter.Done);
    }

    [Theory]
    [InlineData("$-1\r\n", "GET returned nil")]
    [InlineData("$3\r\nabc\r\n", "GET returned 3 bytes, expected 5")]
    [InlineData("-OOM command not allowed\r\n", "Redis answered '-OOM")]
    public void A_wrong_reply_fails_loudly(string reply, string expected)
    {
        var counter = new RespReplyCounter(valueLength: 5);
        counter.Expect(1);

        var error = Assert.Throws<InvalidOperationException>(() => counter.Feed(Encoding.ASCII.GetBytes(reply)));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Mixed_batches_alternate_set_and_get_and_end_where_each_command_ends()
    {
        var (commands, ends) = RedisRespClient.Encode("k", 2, "mixed", 3);

        Assert.Equal("*4\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\nxx\r\n$7\r\nKEEPTTL\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n*4\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\nxx\r\n$7\r\nKEEPTTL\r\n", Encoding.ASCII.GetString(commands));
        Assert.Equal(commands.Length, ends[3]);
        Assert.Equal("*4", Encoding.ASCII.GetString(commands, ends[2], 2));
    }
}
