using System.Globalization;
using System.Text.Json;
using Arc.Platform.Technologies.Nats.Kubernetes;
using Arc.Platform.Technologies.Redis.Kubernetes;

namespace Arc.Platform.Tests.Kubernetes;

/// <summary>
/// The chart volumes are sized from the servers' own size units, read by arc: each unit is checked against
/// what the real server makes of it (nats-server's /varz, redis-server's CONFIG GET), so arc's reading
/// cannot drift from theirs.
/// </summary>
public sealed class ServerUnitsTests
{
    [NativeTheory]
    [InlineData("1GB")]
    [InlineData("1G")]
    [InlineData("1gb")]
    [InlineData("1GiB")]
    [InlineData("1Gi")]
    [InlineData("64MB")]
    [InlineData("64M")]
    [InlineData("1500K")]
    [InlineData("1500KB")]
    [InlineData("1048576")]
    public async Task Jetstream_sizes_read_as_nats_server_reads_them(string size)
    {
        using var directory = new TempDirectory();
        var config = $"jetstream {{\n  # the budget\n  max_file_store: {size}\n  max_memory_store: {size}\n}}\n";
        var file = Path.Combine(directory.Path, "jetstream.conf");
        await File.WriteAllTextAsync(file, config);
        var (client, monitor) = (FreePorts.Next(), FreePorts.Next());

        using var server = ForeignProcess.Start("nats-server", "-c", file, "-js", "-sd", directory.Sub("store"),
            "-a", "127.0.0.1", "-p", client.ToString(CultureInfo.InvariantCulture), "-m", monitor.ToString(CultureInfo.InvariantCulture));
        // /varz keeps the JetStream settings of its first request for the server's life, and the monitor answers
        // before JetStream is enabled; the client port opens after it is, so /varz is asked only then.
        await Poll.UntilAsync(() => Accepts(client), $"nats-server's client port {client}");
        var jetStream = (await VarzAsync(monitor)).GetProperty("jetstream").GetProperty("config");

        var parsed = JetStreamLimits.Parse(config, "jetstream.conf");
        Assert.Equal(jetStream.GetProperty("max_storage").GetInt64(), parsed.MaxFileStore);
        Assert.Equal(jetStream.GetProperty("max_memory").GetInt64(), parsed.MaxMemoryStore);
    }

    [NativeTheory]
    [InlineData("512mb")]
    [InlineData("512MB")]
    [InlineData("512m")]
    [InlineData("1gb")]
    [InlineData("1g")]
    [InlineData("100kb")]
    [InlineData("100k")]
    [InlineData("1048576")]
    public async Task Maxmemory_sizes_read_as_redis_server_reads_them(string size)
    {
        var port = FreePorts.Next();
        using var server = ForeignProcess.Start("redis-server", "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--maxmemory", size);
        await Poll.UntilAsync(() => RedisCli.PingsAsync(port), $"redis-server on {port}");
        var answer = await RedisCli.RunAsync(port, "CONFIG", "GET", "maxmemory");

        Assert.Equal(long.Parse(answer.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1].Trim(), CultureInfo.InvariantCulture), ValkeyConfig.Bytes(size));
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var socket = new System.Net.Sockets.TcpClient();
            socket.Connect(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private static async Task<JsonElement> VarzAsync(int monitor)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        string? body = null;
        await Poll.UntilAsync(async () =>
        {
            try
            {
                body = await http.GetStringAsync($"http://127.0.0.1:{monitor}/varz");
                return true;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or a first answer slower than the 2 s request limit: ask again.
                return false;
            }
        }, $"nats-server's monitor on {monitor}");
        return JsonDocument.Parse(body!).RootElement.Clone();
    }
}
