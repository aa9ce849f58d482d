using Arc.Platform.Drivers;
using Arc.Platform.Drivers.Docker;

namespace Arc.Platform.Tests.Drivers.Docker;

/// <summary>
/// The docker driver's record-only stop over a stand-in docker CLI (a script that answers `ps` with the rows an
/// engine would, and logs every `stop`): what it lists, what it stops, and what it leaves alone.
/// </summary>
[Trait("Tier", "unit")]
public sealed class ContainerRecordsTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _root;
    private readonly string _stops;

    public ContainerRecordsTests()
    {
        _root = _temp.Sub("checkout");
        _stops = Path.Combine(_temp.Path, "stops");
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void It_lists_the_codenames_of_this_checkouts_containers_only()
    {
        var records = Records(Rows(("arc-cache", "sonic", Compose("cache")), ("arc-cache-exporter", "", Compose("cache")),
            ("arc-messaging", "flash", Compose("messaging")), ("other-cache", "sonic", "/elsewhere/services/cache/docker-compose.yml")));

        Assert.Equal(["flash", "sonic"], records.Codenames());
        Assert.Equal("docker", records.DriverName);
    }

    [Fact]
    public async Task Stopping_a_codename_stops_its_compose_files_containers_and_no_others()
    {
        var records = Records(Rows(("arc-cache", "sonic", Compose("cache")), ("arc-cache-exporter", "", Compose("cache")),
            ("arc-messaging", "flash", Compose("messaging")), ("other-cache", "sonic", "/elsewhere/services/cache/docker-compose.yml")));

        var stop = await records.StopAsync("sonic", CancellationToken.None);

        Assert.Equal("stop arc-cache arc-cache-exporter", File.ReadAllText(_stops).Trim());
        Assert.Equal("stopped arc-cache, arc-cache-exporter; data kept", stop.Detail);
    }

    [Fact]
    public async Task The_ha_members_containers_of_their_own_project_are_listed_and_stopped_too()
    {
        var memberFile = Path.Combine(_root, ".arc", "docker-ha", "sonic-2.yml");
        var records = Records(Rows(("arc-messaging", "flash", Compose("messaging")))
            + ProjectRows("arc-platform-ha", ("arc-cache-2", "sonic-2", memberFile), ("other-cache-2", "sonic-2", "/elsewhere/.arc/docker-ha/sonic-2.yml"))
            + ProjectRows("another-project", ("stranger", "sonic-3", memberFile)));

        Assert.Equal(["flash", "sonic-2"], records.Codenames());
        var stop = await records.StopAsync("sonic-2", CancellationToken.None);

        Assert.Equal("stop arc-cache-2", File.ReadAllText(_stops).Trim());
        Assert.Equal("stopped arc-cache-2; data kept", stop.Detail);
    }

    [Fact]
    public async Task A_codename_without_a_container_is_not_running_and_nothing_is_stopped()
    {
        var records = Records(Rows(("arc-messaging", "flash", Compose("messaging"))));

        var stop = await records.StopAsync("sonic", CancellationToken.None);

        Assert.Equal("not running", stop.Detail);
        Assert.False(File.Exists(_stops));
    }

    [Fact]
    public async Task A_stop_the_engine_refuses_is_a_driver_error_naming_the_containers()
    {
        var records = Records(Rows(("arc-cache", "sonic", Compose("cache"))), stopFails: true);

        var error = await Assert.ThrowsAsync<DriverException>(() => records.StopAsync("sonic", CancellationToken.None));

        Assert.StartsWith("docker stop arc-cache failed: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("refused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_engine_there_are_no_records()
    {
        var records = new ContainerRecords(_root, new DockerDriverOptions(Docker: "false"));

        Assert.Empty(records.Codenames());
    }

    [Fact]
    public void The_docker_driver_declares_these_records_as_its_record_stop()
    {
        var driver = new DockerDriver(_root, new DockerDriverOptions(Docker: "false"));

        Assert.IsType<ContainerRecords>(driver.Capabilities.RecordStop!(_root));
    }

    private string Compose(string role) => Path.Combine(_root, "services", role, "docker-compose.yml");

    /// <summary>Rows of the single servers' compose project.</summary>
    private static string Rows(params (string Name, string Codename, string Files)[] rows) =>
        ProjectRows("arc-platform", rows);

    private static string ProjectRows(string project, params (string Name, string Codename, string Files)[] rows) =>
        string.Concat(rows.Select(r => $"{project}\t{r.Name}\t{r.Codename}\t{r.Files}\n"));

    /// <summary>
    /// A docker CLI that prints the <paramref name="rows"/> of the compose project `ps` filters on (its third
    /// argument, <c>label=com.docker.compose.project=NAME</c>) and logs `stop` (or refuses it).
    /// </summary>
    private const string SelectProject = """awk -F '\t' -v project="${3##*=}" '$1 == project { print $2 "\t" $3 "\t" $4 }'""";

    private ContainerRecords Records(string rows, bool stopFails = false)
    {
        var data = Path.Combine(_temp.Path, "rows");
        File.WriteAllText(data, rows);
        var script = Path.Combine(_temp.Path, "docker");
        File.WriteAllText(script, $"""
            #!/bin/sh
            case "$1" in
              ps) {SelectProject} '{data}' ;;
              stop) {(stopFails ? "echo 'engine refused' >&2; exit 1" : $"echo \"$*\" >> '{_stops}'")} ;;
              *) exit 2 ;;
            esac
            """);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new ContainerRecords(_root, new DockerDriverOptions(Docker: script));
    }
}
