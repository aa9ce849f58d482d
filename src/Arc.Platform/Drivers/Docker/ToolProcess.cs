using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Arc.Platform.Drivers.Docker;

/// <summary>What a finished `docker` or compose invocation printed.</summary>
public sealed record ToolResult(int ExitCode, string Output, string Error)
{
    /// <summary>The shell's exit code for a command that could not be run at all.</summary>
    public const int NotRunnable = 127;

    public bool Succeeded => ExitCode == 0;

    /// <summary>The tool is not installed (or not executable): an expected answer on machines without Docker, not an error.</summary>
    public static ToolResult CouldNotRun(string file, string reason) => new(NotRunnable, "", $"could not run {file}: {reason}");

    /// <summary>The last lines of stderr (or stdout when stderr is empty): what an error message should quote.</summary>
    public string Tail(int lines = 6)
    {
        var text = string.IsNullOrWhiteSpace(Error) ? Output : Error;
        var all = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(" | ", all.TakeLast(lines));
    }
}

/// <summary>
/// Runs the Docker and Compose command-line tools. The CLIs, not the engine API, because the compose
/// files must mean exactly what `docker compose` / `docker-compose` make of them.
/// </summary>
public static class ToolProcess
{
    /// <summary>Quiets compose's warning that the other role files' containers are "orphans": one project spans several files on purpose.</summary>
    private static readonly KeyValuePair<string, string>[] Environment = [new("COMPOSE_IGNORE_ORPHANS", "True")];

    /// <summary>Runs the tool to the end (or <paramref name="limit"/>); a tool that is not installed is a failed result.</summary>
    public static async Task<ToolResult> RunAsync(string file, IEnumerable<string> arguments, CancellationToken cancellationToken, TimeSpan? limit = null)
    {
        if (TryStart(file, arguments, out var failure) is not { } started)
            return ToolResult.CouldNotRun(file, failure!);
        using var process = started;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (limit is { } l)
            timeout.CancelAfter(l);
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            if (cancellationToken.IsCancellationRequested)
                throw;
            return new ToolResult(-1, await output, $"{file} did not finish within {limit?.TotalSeconds:0} s");
        }
        return new ToolResult(process.ExitCode, await output, await error);
    }

    /// <summary>Every line the tool prints on stdout and stderr, as it prints them, until it exits or the token fires.</summary>
    public static async IAsyncEnumerable<string> LinesAsync(string file, IEnumerable<string> arguments, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var process = TryStart(file, arguments, out var failure) ?? throw new DriverException($"could not run {file}: {failure}");
        var lines = System.Threading.Channels.Channel.CreateUnbounded<string>();
        var pumps = Task.WhenAll(Pump(process.StandardOutput, lines.Writer), Pump(process.StandardError, lines.Writer));
        _ = pumps.ContinueWith(_ => lines.Writer.TryComplete(), TaskScheduler.Default);
        using var registration = cancellationToken.Register(() => Kill(process));
        await foreach (var line in lines.Reader.ReadAllAsync(CancellationToken.None))
            yield return line;
        await process.WaitForExitAsync(CancellationToken.None);
    }

    private static async Task Pump(StreamReader reader, System.Threading.Channels.ChannelWriter<string> writer)
    {
        while (await reader.ReadLineAsync() is { } line)
            writer.TryWrite(line);
    }

    private static Process? TryStart(string file, IEnumerable<string> arguments, out string? failure)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (key, value) in Environment)
            info.Environment[key] = value;
        try
        {
            var process = Process.Start(info);
            failure = process is null ? "no process was started" : null;
            process?.StandardInput.Close();  // never wait for a prompt
            return process;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            failure = e.Message;
            return null;
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
