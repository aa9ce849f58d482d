namespace Arc.Platform.Drivers.Docker;

/// <summary>
/// The Compose implementation to call: `docker compose` (v2, a CLI plugin) where it is installed,
/// else the Python `docker-compose` 1.29 that Debian packages. The compose files run on both
/// (DESIGN.md §2.3); the project name is always given on the command line, never by the files.
/// </summary>
public sealed record ComposeTool(string File, IReadOnlyList<string> Prefix, string Version)
{
    public const string ProjectName = "arc-platform";

    public IEnumerable<string> Arguments(IEnumerable<string> composeFiles, IEnumerable<string> command) =>
        [.. Prefix, "-p", ProjectName, .. composeFiles.SelectMany(f => new[] { "-f", f }), .. command];

    public static async Task<ComposeTool?> DetectAsync(string docker, CancellationToken cancellationToken)
    {
        // Python docker-compose 1.29 takes seconds just to import itself, and over 10 s on a loaded 2-core
        // machine (measured): a missing tool fails at once, so only a slow one ever uses this margin.
        var limit = TimeSpan.FromSeconds(60);
        var v2 = await ToolProcess.RunAsync(docker, ["compose", "version", "--short"], cancellationToken, limit);
        if (v2.Succeeded)
            return new ComposeTool(docker, ["compose"], "v2 " + v2.Output.Trim());
        var v1 = await ToolProcess.RunAsync("docker-compose", ["version", "--short"], cancellationToken, limit);
        return v1.Succeeded ? new ComposeTool("docker-compose", [], "v1 " + v1.Output.Trim()) : null;
    }
}
