using System.Text.Json;

namespace Arc.Platform.Tests.Conformance;

/// <summary>
/// The lifecycle contract every driver keeps, as a user sees it through `arc` (exit codes and --json rows),
/// run against the fake driver (<see cref="FakeDriverConformance"/>), the native driver
/// (<see cref="NativeDriverConformance"/>) and the docker driver (<see cref="DockerDriverConformance"/>).
/// The subject is Sonic: its data is a Redis key, which every driver persists.
/// </summary>
public abstract class DriverConformance : IAsyncLifetime
{
    protected const string Subject = "sonic";

    /// <summary>The statuses DESIGN.md §4 defines for a row, and the back-off's word.</summary>
    private static readonly string[] Statuses = ["healthy", "unhealthy", "starting", "stopped", "skipped", "restarting"];

    public sealed record Run(int ExitCode, string Out, string Err)
    {
        public override string ToString() => $"exit {ExitCode}\n{Out}\n{Err}";
    }

    /// <summary>`arc ARGS` on this driver's repository with this driver chosen (`--driver NAME` where the command takes it).</summary>
    protected abstract Task<Run> ArcAsync(params string[] args);

    /// <summary>The client port Sonic publishes on the host in this driver's repository.</summary>
    protected abstract int SubjectHostPort { get; }

    /// <summary>The generic variable and URL scheme of Sonic's technology (the fake technology has its own).</summary>
    protected abstract (string Variable, string Scheme) SubjectConnection { get; }

    /// <summary>Writes the data that down must keep and clean must delete.</summary>
    protected abstract Task WriteDataAsync(string value);

    /// <summary>The data read back, or null when there is none.</summary>
    protected abstract Task<string?> ReadDataAsync();

    /// <summary>What names the running server: a pid, or a container and its pid.</summary>
    protected abstract Task<string> IdentityAsync();

    /// <summary>kill -9 of the server process, as a crash would.</summary>
    protected abstract Task KillServerAsync();

    /// <summary>Breaks the configuration (service.yaml unreadable) and returns how to restore it.</summary>
    protected abstract Action BreakConfiguration();

    /// <summary>Skips or fails every contract test when the driver cannot run here; called first by each.</summary>
    protected virtual void RequireDriver()
    {
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [SkippableFact]
    public async Task Up_twice_is_idempotent_the_second_starts_nothing()
    {
        await UpAsync();
        var first = await IdentityAsync();

        var again = await ArcAsync("--json", "up", Subject);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal("healthy", Row(again).GetProperty("status").GetString());
        Assert.Contains("already running", Row(again).GetProperty("detail").GetString());
        Assert.Equal(first, await IdentityAsync());
    }

    [SkippableFact]
    public async Task Down_keeps_data_and_up_serves_it_again()
    {
        await UpAsync();
        var value = $"kept-{Guid.NewGuid():N}";
        await WriteDataAsync(value);

        var down = await ArcAsync("--json", "down", Subject);
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Equal("stopped", await StatusAsync());
        await UpAsync();

        Assert.Equal(value, await ReadDataAsync());
    }

    [SkippableFact]
    public async Task Clean_deletes_data_and_up_starts_empty()
    {
        await UpAsync();
        await WriteDataAsync($"gone-{Guid.NewGuid():N}");

        var clean = await ArcAsync("--json", "clean", Subject, "--yes");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.Equal("stopped", await StatusAsync());
        await UpAsync();

        Assert.Null(await ReadDataAsync());
    }

    [SkippableFact]
    public async Task Status_after_a_kill_9_never_shows_the_dead_server_and_the_service_comes_back_by_itself()
    {
        await UpAsync();
        var killed = await IdentityAsync();

        await KillServerAsync();
        var rightAfter = await ArcAsync("--json", "status");

        Assert.True(rightAfter.ExitCode is 0 or 1, rightAfter.ToString());
        var row = Row(rightAfter);
        Assert.Contains(row.GetProperty("status").GetString(), Statuses);
        // Both real drivers restart a crashed server (the supervisor; the restart policy) with no arc command.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (await StatusAsync() != "healthy" && DateTime.UtcNow < deadline)
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        Assert.Equal("healthy", await StatusAsync());
        Assert.NotEqual(killed, await IdentityAsync());
    }

    [SkippableFact]
    public async Task Health_of_a_stopped_service_says_stopped_and_fails()
    {
        await UpAsync();
        var down = await ArcAsync("down", Subject);
        Assert.True(down.ExitCode == 0, down.ToString());

        var health = await ArcAsync("--json", "health", Subject);

        Assert.Equal(1, health.ExitCode);
        Assert.Equal("stopped", Row(health).GetProperty("status").GetString());
    }

    [SkippableFact]
    public async Task Down_with_a_broken_configuration_stops_the_service_from_its_records()
    {
        RequireDriver();
        await UpAsync();
        var restore = BreakConfiguration();

        var down = await ArcAsync("down");
        restore();

        Assert.True(down.ExitCode == 2, down.ToString());
        Assert.Equal("stopped", await StatusAsync());
    }

    [SkippableFact]
    public async Task Env_gives_the_host_view_and_the_platform_view_of_a_running_service()
    {
        await UpAsync();

        var host = await EnvAsync("host");
        var platform = await EnvAsync("platform");

        var (variable, scheme) = SubjectConnection;
        var (hostUrl, platformUrl) = (new Uri(host[variable]), new Uri(platform[variable]));
        Assert.Equal((scheme, "127.0.0.1", SubjectHostPort), (hostUrl.Scheme, hostUrl.Host, hostUrl.Port));
        Assert.Equal((scheme, "arc-cache", 6379), (platformUrl.Scheme, platformUrl.Host, platformUrl.Port));
    }

    private async Task UpAsync()
    {
        RequireDriver();
        var up = await ArcAsync("--json", "up", Subject);
        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Equal("healthy", Row(up).GetProperty("status").GetString());
    }

    private async Task<string?> StatusAsync()
    {
        var status = await ArcAsync("--json", "status");
        Assert.True(status.ExitCode is 0 or 1, status.ToString());
        return Row(status).GetProperty("status").GetString();
    }

    /// <summary>The repository the driver runs (its .arc/secrets/ holds Sonic's password when `up` generated one), or null for the fake.</summary>
    protected virtual string? Root => null;

    /// <summary>Sonic as a client reaches it: the host view's URL from `arc env`, with the password `up` generated for it, if any.</summary>
    protected async Task<StackExchange.Redis.ConnectionMultiplexer> ConnectToSubjectAsync()
    {
        var url = new Uri((await EnvAsync("host"))[SubjectConnection.Variable]);
        var options = new StackExchange.Redis.ConfigurationOptions { EndPoints = { { url.Host, url.Port } } };
        if (url.UserInfo.Split(':', 2) is [var user, var password])
            (options.User, options.Password) = (Uri.UnescapeDataString(user), Uri.UnescapeDataString(password));
        else if (url.UserInfo.Length > 0)
            options.Password = Uri.UnescapeDataString(url.UserInfo);
        else if (Root is not null && Arc.Platform.Secrets.SecretStore.Under(Root).Load(Subject, ["default"]) is { } credentials)
            options.Password = credentials.Client.Password;
        return await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(options);
    }

    private async Task<Dictionary<string, string>> EnvAsync(string view)
    {
        var env = await ArcAsync("env", Subject, "--format", "json", "--network", view);
        Assert.True(env.ExitCode == 0, env.ToString());
        using var json = JsonDocument.Parse(env.Out);
        Assert.Equal(view, json.RootElement.GetProperty("network").GetString());
        return json.RootElement.GetProperty("variables").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    private static JsonElement Row(Run run)
    {
        using var json = JsonDocument.Parse(run.Out);
        return json.RootElement.GetProperty("services").EnumerateArray().Single(r => r.GetProperty("codename").GetString() == Subject).Clone();
    }
}
