using Arc.Platform.Processes;

namespace Arc.Platform.Drivers.Docker;

/// <summary>
/// Runs the Docker and Compose command-line tools. The CLIs, not the engine API, because the compose
/// files must mean exactly what `docker compose` / `docker-compose` make of them.
/// </summary>
public static class ToolProcess
{
    /// <summary>Quiets compose's warning that the other role files' containers are "orphans": one project spans several files on purpose.</summary>
    private static readonly IReadOnlyDictionary<string, string> Environment = new Dictionary<string, string> { ["COMPOSE_IGNORE_ORPHANS"] = "True" };

    /// <summary>Runs the tool to the end (or <paramref name="limit"/>); a tool that is not installed is a failed result.</summary>
    public static Task<ChildResult> RunAsync(string file, IEnumerable<string> arguments, CancellationToken cancellationToken, TimeSpan? limit = null) =>
        ChildProcess.RunAsync(Command(file, arguments), cancellationToken, limit);

    /// <summary>Every line the tool prints on stdout and stderr, as it prints them, until it exits or the token fires.</summary>
    public static IAsyncEnumerable<string> LinesAsync(string file, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        ChildProcess.LinesAsync(Command(file, arguments), cancellationToken);

    private static ChildCommand Command(string file, IEnumerable<string> arguments) => new(file, [.. arguments]) { Environment = Environment };
}
