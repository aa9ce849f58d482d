namespace Arc.Platform.Drivers.Docker;

/// <summary>
/// One container as `docker inspect` reports it: its state, its own health-check verdict (from the
/// compose file's healthcheck, independent of arc's probes), its user and its published ports.
/// </summary>
public sealed record ContainerState(string Name, string Id, string Status, string Health, string User, IReadOnlyList<string> Ports)
{
    /// <summary>A Go template instead of JSON: five fields need no serializer (and stay AOT-friendly).</summary>
    public const string Format =
        "{{.Name}}\t{{.Id}}\t{{.State.Status}}\t{{with index .State \"Health\"}}{{.Status}}{{else}}none{{end}}\t{{.Config.User}}\t" +
        "{{range $port, $bindings := .NetworkSettings.Ports}}{{range $bindings}}{{.HostIp}}:{{.HostPort}}->{{$port}} {{end}}{{end}}";

    public bool Running => Status is "running" or "restarting";

    /// <summary>"healthy", "unhealthy", "starting", or "none" when the compose file gives it no health check.</summary>
    public string Describe() => Health == "none" ? $"container {Name} {Status}" : $"container {Name} {Status}, health {Health}";

    public static ContainerState? Parse(string line)
    {
        var fields = line.TrimEnd('\r').Split('\t');
        // A container on the host's network publishes no ports: its line ends after the user, and trimmed output drops that tab.
        if (fields.Length < 5)
            return null;
        var ports = fields.Length > 5 ? fields[5].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        return new ContainerState(fields[0].TrimStart('/'), fields[1][..Math.Min(12, fields[1].Length)], fields[2], fields[3], fields[4], ports);
    }

    public static async Task<ContainerState?> InspectAsync(string docker, string container, CancellationToken cancellationToken)
    {
        var result = await ToolProcess.RunAsync(docker, ["inspect", "--type", "container", "--format", Format, container], cancellationToken);
        return result.Succeeded ? Parse(result.Output.Trim()) : null;
    }
}
