using System.Globalization;
using System.Text.RegularExpressions;

namespace Arc.Platform.Tests.TestKit;

/// <summary>
/// Moves a repository copy off the plan's fixed host ports (4222, 6379, ...), so a test's servers or
/// containers never meet a developer's running stack: every fixed host port gets one free port, and the
/// service.yaml files and the compose files are rewritten with the same map, so they still agree.
/// Container ports never move: the servers, health checks and scrape targets keep theirs.
/// </summary>
public sealed partial class FreePortMap
{
    private readonly Dictionary<int, int> _moved = [];

    /// <summary>The free host port that stands for <paramref name="fixedPort"/>; the same one each time it is asked.</summary>
    public int For(int fixedPort)
    {
        lock (_moved)
        {
            if (!_moved.TryGetValue(fixedPort, out var free))
                _moved[fixedPort] = free = FreePorts.Next();
            return free;
        }
    }

    /// <summary>The fixed ports moved so far, each with the free port it became.</summary>
    public IReadOnlyDictionary<int, int> Moved
    {
        get
        {
            lock (_moved)
                return new Dictionary<int, int>(_moved);
        }
    }

    /// <summary>Every service.yaml under <paramref name="root"/>; with <paramref name="moveMetrics"/> the exporter's port too (natively it is a host port).</summary>
    public void RewriteServiceFiles(string root, bool moveMetrics)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(root, "services"), "service.yaml", SearchOption.AllDirectories))
            File.WriteAllText(file, ServiceYaml(File.ReadAllText(file), moveMetrics));
    }

    /// <summary>Every compose file under <paramref name="root"/>: a published <c>"127.0.0.1:HOST:CONTAINER"</c> gets the free host port.</summary>
    public void RewriteComposeFiles(string root)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(root, "services"), "docker-compose.yml", SearchOption.AllDirectories))
            File.WriteAllText(file, PublishedPort().Replace(File.ReadAllText(file), m => $"{m.Groups[1].Value}{For(Number(m.Groups[2].Value))}:{m.Groups[3].Value}"));
    }

    /// <summary>
    /// <c>client: 4222</c> becomes <c>client: {host: FREE, container: 4222}</c>, an explicit <c>host:</c> gets its
    /// free port, and the health line (a URL's :PORT or a command's -p PORT) moves with the port it names.
    /// </summary>
    public string ServiceYaml(string yaml, bool moveMetrics)
    {
        var section = "";
        var lines = yaml.Split('\n');
        var movedHere = new Dictionary<string, string>();
        string Move(string port)
        {
            var to = For(Number(port)).ToString(CultureInfo.InvariantCulture);
            movedHere[port] = to;
            return to;
        }
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (TopLevelKey().Match(line) is { Success: true } top)
                section = top.Groups[1].Value;
            else if (section == "ports" && ShortPort().Match(line) is { Success: true } shortPort)
                lines[i] = $"  {shortPort.Groups[1].Value}: {{host: {Move(shortPort.Groups[2].Value)}, container: {shortPort.Groups[2].Value}}}";
            else if (section == "ports" && HostPort().Match(line) is { Success: true } hostPort)
                lines[i] = $"{hostPort.Groups[1].Value}{Move(hostPort.Groups[2].Value)}";
            else if (moveMetrics && section == "metrics" && MetricsPort().Match(line) is { Success: true } metrics)
                lines[i] = $"{metrics.Groups[1].Value}{FreePorts.Next()}";
        }
        for (var i = 0; i < lines.Length; i++)
            if (lines[i].StartsWith("health: ", StringComparison.Ordinal))
                lines[i] = HealthPort().Replace(lines[i], m => movedHere.TryGetValue(m.Groups[2].Value, out var to) ? m.Groups[1].Value + to : m.Value);
        return string.Join('\n', lines);
    }

    private static int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(""127\.0\.0\.1:)(\d+):(\d+)")]
    private static partial Regex PublishedPort();

    [GeneratedRegex(@"(:|-p )(\d+)")]
    private static partial Regex HealthPort();

    [GeneratedRegex(@"^([a-z_]+):")]
    private static partial Regex TopLevelKey();

    [GeneratedRegex(@"^  ([a-z_]+): (\d+)\s*$")]
    private static partial Regex ShortPort();

    [GeneratedRegex(@"^(    host: )(\d+)")]
    private static partial Regex HostPort();

    [GeneratedRegex(@"^(  port: )\d+")]
    private static partial Regex MetricsPort();
}
