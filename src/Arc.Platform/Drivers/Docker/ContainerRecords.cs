namespace Arc.Platform.Drivers.Docker;

/// <summary>
/// The docker driver's record-only stop: the engine itself records what arc started. Every container of the
/// compose project carries its image's <c>arc.service.codename</c> label and the compose files it came from, so
/// `down` can stop a service's containers (its sidecars with it: the same compose file) when its service.yaml or
/// compose file cannot be read — the single servers' and the HA members' (each member its own generated file). Only containers whose compose file lies under this checkout count: another
/// checkout's stack, on the same engine, is not this one's to stop.
/// </summary>
public sealed class ContainerRecords(string root, DockerDriverOptions options) : IRecordStop
{
    public const string CodenameLabel = "arc.service.codename";
    public const string ConfigFilesLabel = "com.docker.compose.project.config_files";

    /// <summary>A dead socket fails in milliseconds; a hung engine must not hold `down` for long.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private readonly string _root = Path.GetFullPath(root).TrimEnd('/') + "/";

    public string DriverName => "docker";

    /// <summary>The codenames of this checkout's running containers; none when no engine answers.</summary>
    public IReadOnlyList<string> Codenames() =>
        [.. RowsAsync(CancellationToken.None).GetAwaiter().GetResult().Select(r => r.Codename).Where(c => c.Length > 0).Distinct().Order(StringComparer.Ordinal)];

    public async Task<RecordedStop> StopAsync(string codename, CancellationToken cancellationToken)
    {
        var rows = await RowsAsync(cancellationToken);
        var files = rows.Where(r => r.Codename == codename).Select(r => r.ConfigFiles).ToHashSet(StringComparer.Ordinal);
        var containers = rows.Where(r => files.Contains(r.ConfigFiles)).Select(r => r.Name).ToList();
        if (containers.Count == 0)
            return new RecordedStop(codename, "-", "not running");
        var stop = await ToolProcess.RunAsync(options.Docker, ["stop", .. containers], cancellationToken, Limit);
        if (!stop.Succeeded)
            throw new DriverException($"docker stop {string.Join(" ", containers)} failed: {(stop.Error + stop.Output).Trim()}");
        return new RecordedStop(codename, "-", $"stopped {string.Join(", ", containers)}; data kept");
    }

    private sealed record Row(string Name, string Codename, string ConfigFiles);

    /// <summary>The single servers' project and the HA members' one: `down` from records stops both.</summary>
    private static readonly string[] Projects = [ComposeTool.ProjectName, TopologyContainers.ProjectName];

    private async Task<List<Row>> RowsAsync(CancellationToken cancellationToken)
    {
        var rows = new List<Row>();
        foreach (var project in Projects)
            rows.AddRange(await RowsAsync(project, cancellationToken));
        return rows;
    }

    private async Task<List<Row>> RowsAsync(string project, CancellationToken cancellationToken)
    {
        var list = await ToolProcess.RunAsync(options.Docker,
            ["ps", "--filter", $"label=com.docker.compose.project={project}",
             "--format", $"{{{{.Names}}}}\t{{{{.Label \"{CodenameLabel}\"}}}}\t{{{{.Label \"{ConfigFilesLabel}\"}}}}"],
            cancellationToken, Limit);
        if (!list.Succeeded)
            return [];
        return [.. list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.TrimEnd('\r').Split('\t'))
            .Where(f => f.Length == 3 && Mine(f[2]))
            .Select(f => new Row(f[0], f[1], f[2]))];
    }

    /// <summary>A compose file the container came from is under this checkout (an override file may lie elsewhere).</summary>
    private bool Mine(string configFiles) =>
        configFiles.Split(',', StringSplitOptions.RemoveEmptyEntries).Any(f => Path.IsPathFullyQualified(f) && Path.GetFullPath(f).StartsWith(_root, StringComparison.Ordinal));
}
