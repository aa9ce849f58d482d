using System.Text.Json;
using Arc.Platform.Secrets;
using NATS.Client.Core;
using StackExchange.Redis;

namespace Arc.Platform.Tests.Secrets;

/// <summary>
/// Issue 17 against real servers `arc up` started natively on free ports: credentials are generated,
/// owner-only, reused, required, handed out by `arc env` only, rotated and deleted with the data.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CredentialsNativeTests
{
    [NativeFact]
    public async Task A_client_without_credentials_is_refused_by_flash_and_sonic()
    {
        await using var stack = NativeStack.Create();
        await stack.UpHealthyAsync("flash", "sonic");

        Assert.Equal("-ERR 'Authorization Violation'", await RawClients.NatsConnectAsync(stack.Service("flash").Port("client").Host));
        Assert.StartsWith("-NOAUTH", await RawClients.RedisAsync(stack.Service("sonic").Port("client").Host, "PING"));
        Assert.StartsWith("-NOAUTH", await RawClients.RedisAsync(stack.Service("sonic").Port("client").Host, "FLUSHALL"));
        // A wrong password is refused as well: the password is what keeps others out, not the user name.
        Assert.StartsWith("-WRONGPASS", await RawClients.RedisAsync(stack.Service("sonic").Port("client").Host, "AUTH default guessed"));
        Assert.Equal("-ERR 'Authorization Violation'", await RawClients.NatsConnectAsync(stack.Service("flash").Port("client").Host, "arc", "guessed"));
    }

    [NativeFact]
    public async Task Credentials_are_owner_only_files_reused_by_a_later_up_and_deleted_by_clean()
    {
        await using var stack = NativeStack.Create();
        await stack.UpHealthyAsync("flash", "sonic");
        var store = SecretStore.Under(stack.Root);
        var files = new[] { store.FileOf("flash", "arc"), store.FileOf("sonic", "default"), store.FileOf("sonic", "exporter") };
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(store.Directory));
        Assert.All(files, f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
        Assert.All(files, f => Assert.Equal(Passwords.Length, File.ReadAllText(f).Length));
        var before = files.Select(File.ReadAllText).ToList();

        await stack.DownAsync("flash", "sonic");
        await stack.UpHealthyAsync("flash", "sonic");
        Assert.Equal(before, files.Select(File.ReadAllText));

        var clean = await stack.ArcAsync("clean", "sonic", "--yes");
        Assert.True(clean.ExitCode == 0, clean.Err);
        Assert.False(File.Exists(store.FileOf("sonic", "default")));
        Assert.True(File.Exists(store.FileOf("flash", "arc")));
    }

    [NativeFact]
    public async Task What_arc_env_prints_connects_and_arc_health_deep_authenticates()
    {
        await using var stack = NativeStack.Create();
        await stack.UpHealthyAsync("flash", "sonic");
        var variables = await EnvAsync(stack, "flash", "sonic");

        Assert.StartsWith("nats://arc:", variables["NATS_URL"]);
        await using (var nats = new NatsConnection(new NatsOpts { Url = variables["NATS_URL"] }))
            await nats.PingAsync();
        await using (var nats = new NatsConnection(new NatsOpts { Url = variables["ConnectionStrings__flash"] }))
            await nats.PingAsync();
        var redisUrl = new Uri(variables["REDIS_URL"]);
        Assert.Equal("default", redisUrl.UserInfo.Split(':')[0]);
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(variables["ConnectionStrings__sonic"]))
            Assert.Equal("PONG", (await redis.GetDatabase().ExecuteAsync("PING")).ToString());
        Assert.Equal(File.ReadAllText(SecretStore.Under(stack.Root).FileOf("sonic", "default")), variables["CORTEX_BOOTSTRAP_REDIS_PASSWORD"]);

        var deep = await stack.ArcAsync("health", "--deep", "flash", "sonic");
        Assert.True(deep.ExitCode == 0, deep.Out + deep.Err);
        var shell = await stack.ArcAsync("env", "flash", "sonic");
        Assert.Contains($"export NATS_URL='{variables["NATS_URL"]}'", shell.Out);
    }

    [NativeFact]
    public async Task The_redis_exporter_scrapes_with_its_read_only_user()
    {
        await using var stack = NativeStack.Create();
        await stack.UpHealthyAsync("sonic");
        var service = stack.Service("sonic");
        using var http = new HttpClient();
        var body = "";
        for (var attempt = 0; attempt < 100 && !body.Contains("redis_up 1"); attempt++)
        {
            try { body = await http.GetStringAsync($"http://127.0.0.1:{service.Metrics!.Port}/metrics"); } catch (HttpRequestException) { }
            if (!body.Contains("redis_up 1"))
                await Task.Delay(100);
        }
        Assert.Contains("redis_up 1", body);
        var exporter = File.ReadAllText(SecretStore.Under(stack.Root).FileOf("sonic", "exporter"));
        var replies = await RepliesAsync(service.Port("client").Host, $"AUTH exporter {exporter}\r\nSET arc:exporter:write x\r\n", 2);
        Assert.Equal("+OK", replies[0]);
        Assert.StartsWith("-NOPERM", replies[1]);
    }

    private static async Task<List<string>> RepliesAsync(int port, string requests, int count)
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
        var stream = client.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(requests));
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        using var limit = new CancellationTokenSource(Poll.DefaultLimit);
        while (lines.Count < count)
            lines.Add(await reader.ReadLineAsync(limit.Token) ?? "");
        return lines;
    }

    internal static async Task<Dictionary<string, string>> EnvAsync(NativeStack stack, params string[] targets)
    {
        var env = await stack.ArcAsync(["--json", "env", .. targets]);
        Assert.True(env.ExitCode == 0, env.Err);
        using var document = JsonDocument.Parse(env.Out);
        return document.RootElement.GetProperty("variables").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }
}
