using System.Diagnostics;

namespace Arc.Platform.Tests.TestKit;

/// <summary>
/// The test kit's one way to run a program to completion (the kit's scripts, the docker CLI, the arc binary, chattr,
/// ss, redis-cli …): captured, bounded in time (killed with its tree past the limit), and never waiting for the end
/// of an output a daemon it started still holds open. Long-running helpers are <see cref="ForeignProcess"/> and
/// <see cref="NativeServerProcess"/>.
/// </summary>
public static class KitProcess
{
    /// <summary>What a run may take unless told otherwise: ample for a tool, finite for a hung one.</summary>
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(60);

    /// <summary>How long the output may stay open after the process exited (a daemon it started holds it).</summary>
    private static readonly TimeSpan OutputGrace = TimeSpan.FromSeconds(5);

    private static readonly IReadOnlyDictionary<string, string> NoEnvironment = new Dictionary<string, string>();

    public sealed record Result(int ExitCode, string Out, string Err)
    {
        public string Text => $"exit {ExitCode}\n{Out}\n{Err}".Trim();
    }

    /// <summary>Runs <paramref name="file"/> with the test's environment and <see cref="DefaultLimit"/>.</summary>
    public static Result Run(string file, params string[] arguments) => Run(file, arguments, NoEnvironment, DefaultLimit);

    /// <summary>Synchronously, through <see cref="TestSync"/> (off xunit's synchronization context: no deadlock).</summary>
    public static Result Run(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan limit) =>
        TestSync.Run(() => RunAsync(file, arguments, environment, limit));

    public static async Task<Result> RunAsync(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment,
        TimeSpan limit, string? stdin = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
            info.WorkingDirectory = workingDirectory;
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
            await process.StandardInput.WriteAsync(stdin).ConfigureAwait(false);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(OutputGrace).ConfigureAwait(false);
            return new Result(-1, await Drained(output).ConfigureAwait(false),
                $"{file} {string.Join(' ', arguments)}: killed after {limit.TotalSeconds:0} s\n{await Drained(error).ConfigureAwait(false)}");
        }
        return new Result(process.ExitCode, await Drained(output).ConfigureAwait(false), await Drained(error).ConfigureAwait(false));
    }

    /// <summary>The whole output, or what is said instead when a daemon the process started keeps it open.</summary>
    private static async Task<string> Drained(Task<string> reading)
    {
        try
        {
            return await reading.WaitAsync(OutputGrace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return $"(output still open {OutputGrace.TotalSeconds:0} s after the exit: a process it started holds it)";
        }
    }
}
