using System.Diagnostics;
using Arc.Platform.Secrets;
using NATS.Client.Core;

namespace Arc.Platform.Tests.Secrets;

/// <summary>
/// Issue 17's lifecycle: `secrets rotate` invalidates the old credentials, `up --insecure` runs open and
/// says so, no generated value appears anywhere but in .arc/secrets/ and `arc env`, and another local
/// user cannot read the secrets.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CredentialsLifecycleTests
{
    [NativeFact]
    public async Task Rotation_restarts_running_servers_whose_old_credentials_are_refused_and_env_prints_the_new_ones()
    {
        await using var stack = NativeStack.Create();
        await stack.UpHealthyAsync("flash", "sonic");
        var old = await CredentialsNativeTests.EnvAsync(stack, "flash", "sonic");

        var rotate = await stack.ArcAsync("secrets", "rotate", "flash", "sonic");
        Assert.True(rotate.ExitCode == 0, rotate.Out + rotate.Err);
        Assert.Contains("credentials rotated, restarted", rotate.Out);
        var fresh = await CredentialsNativeTests.EnvAsync(stack, "flash", "sonic");
        Assert.NotEqual(old["NATS_URL"], fresh["NATS_URL"]);
        Assert.NotEqual(old["CORTEX_BOOTSTRAP_REDIS_PASSWORD"], fresh["CORTEX_BOOTSTRAP_REDIS_PASSWORD"]);

        var flashPort = stack.Service("flash").Port("client").Host;
        var sonicPort = stack.Service("sonic").Port("client").Host;
        var oldNats = new Uri(old["NATS_URL"]).UserInfo.Split(':');
        Assert.Equal("-ERR 'Authorization Violation'", await RawClients.NatsConnectAsync(flashPort, oldNats[0], oldNats[1]));
        Assert.StartsWith("-WRONGPASS", await RawClients.RedisAsync(sonicPort, $"AUTH default {old["CORTEX_BOOTSTRAP_REDIS_PASSWORD"]}"));
        await using (var nats = new NatsConnection(new NatsOpts { Url = fresh["NATS_URL"] }))
            await nats.PingAsync();
        Assert.Equal("+OK", await RawClients.RedisAsync(sonicPort, $"AUTH default {fresh["CORTEX_BOOTSTRAP_REDIS_PASSWORD"]}"));
    }

    [NativeFact]
    public async Task Rotating_a_stopped_service_or_one_without_credentials_restarts_nothing()
    {
        await using var stack = NativeStack.Create();
        var rotate = await stack.ArcAsync("secrets", "rotate", "sonic", "strange");
        Assert.True(rotate.ExitCode == 0, rotate.Out + rotate.Err);
        Assert.Contains("credentials rotated; the next `up` uses them", rotate.Out);
        Assert.Contains("runs without credentials; nothing to rotate", rotate.Out);
        Assert.True(File.Exists(SecretStore.Under(stack.Root).FileOf("sonic", "default")));
        Assert.Null(stack.Driver.LiveRecord("sonic"));
    }

    [NativeFact]
    public async Task Up_insecure_runs_open_and_progress_status_and_env_say_so_until_a_plain_up_restarts_it()
    {
        await using var stack = NativeStack.Create();
        var up = await stack.ArcAsync("up", "--insecure", "sonic");
        Assert.True(up.ExitCode == 0, up.Out + up.Err);
        Assert.Contains($"sonic: {UpCredentials.InsecureLabel}", up.Err);
        Assert.Equal("+PONG", await RawClients.RedisAsync(stack.Service("sonic").Port("client").Host, "PING"));

        Assert.Contains(UpCredentials.InsecureLabel, (await stack.ArcAsync("status")).Out);
        var env = await stack.ArcAsync("env", "sonic");
        Assert.Contains($"# sonic: {UpCredentials.InsecureLabel}", env.Out);
        Assert.DoesNotContain("PASSWORD", env.Out);
        Assert.DoesNotContain("@", env.Out);

        await stack.DownAsync("sonic");
        await stack.UpHealthyAsync("sonic");
        Assert.StartsWith("-NOAUTH", await RawClients.RedisAsync(stack.Service("sonic").Port("client").Host, "PING"));
        Assert.DoesNotContain("INSECURE", (await stack.ArcAsync("env", "sonic")).Out);
    }

    [NativeFact]
    public async Task No_generated_value_appears_in_output_records_logs_or_command_lines_only_in_secrets_and_env()
    {
        await using var stack = NativeStack.Create();
        var outputs = new List<string>();
        foreach (var args in new string[][] { ["up", "flash", "sonic"], ["--json", "up", "flash", "sonic"], ["status"], ["--json", "status"],
                     ["health", "--deep", "flash", "sonic"], ["--json", "health", "--deep"], ["logs", "flash", "sonic"], ["streams", "list"], ["--json", "streams", "apply"] })
        {
            var run = await stack.ArcAsync(args);
            outputs.Add(run.Out + run.Err);
        }
        var store = SecretStore.Under(stack.Root);
        var secrets = new[] { store.FileOf("flash", "arc"), store.FileOf("sonic", "default"), store.FileOf("sonic", "exporter") }.Select(File.ReadAllText).ToList();
        Assert.All(secrets, s => Assert.Equal(Passwords.Length, s.Length));
        var env = await stack.ArcAsync("env", "flash", "sonic");
        Assert.Contains(secrets[0], env.Out);
        Assert.Contains(secrets[1], env.Out);

        foreach (var secret in secrets)
        {
            Assert.All(outputs, o => Assert.DoesNotContain(secret, o));
            var state = Path.Combine(stack.Root, ".arc");
            foreach (var file in Directory.GetFiles(state, "*", SearchOption.AllDirectories).Where(f => !f.StartsWith(store.Directory + "/", StringComparison.Ordinal)))
            {
                var text = File.ReadAllText(file);
                // The servers read their own generated configuration: NATS's users block (its own file, 0700 data directory).
                if (file.EndsWith(".conf", StringComparison.Ordinal) && secret == secrets[0])
                    continue;
                if (file.EndsWith("exporter-password.json", StringComparison.Ordinal) && secret == secrets[2])
                    continue;
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{file} holds a generated password");
            }
            foreach (var process in Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
            {
                string commandLine;
                try { commandLine = File.ReadAllText(Path.Combine(process, "cmdline")); } catch (IOException) { continue; } catch (UnauthorizedAccessException) { continue; }
                Assert.False(commandLine.Contains(secret, StringComparison.Ordinal), $"{process} has a password on its command line");
            }
        }
    }

    [NativeFact]
    public async Task Another_local_user_cannot_read_the_secrets_or_the_servers_generated_configuration()
    {
        Skip.IfNot(Environment.IsPrivilegedProcess, "needs root to run a command as another user (setpriv)");
        await using var stack = NativeStack.Create();
        await stack.UpHealthyAsync("flash", "sonic");
        var store = SecretStore.Under(stack.Root);
        foreach (var file in new[] { store.FileOf("sonic", "default"), Path.Combine(stack.Root, ".arc", "data", "flash", "jetstream.conf"),
                     Path.Combine(stack.Root, ".arc", "data", "sonic", "exporter-password.json") })
        {
            Assert.True(File.Exists(file), file);
            var cat = await KitProcess.RunAsync("setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "cat", file], new Dictionary<string, string>(), KitProcess.DefaultLimit);
            Assert.NotEqual(0, cat.ExitCode);
            Assert.Equal("", cat.Out);
        }
    }
}
