using System.Diagnostics;

namespace Arc.Platform.Tests.TestKit;

/// <summary>Runs the kit's scripts, the docker CLI and the arc binary as child processes, with the private engine's environment.</summary>
public static class KitProcess
{
    public sealed record Result(int ExitCode, string Out, string Err)
    {
        public string Text => $"exit {ExitCode}\n{Out}\n{Err}".Trim();
    }

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
            await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new Result(-1, await output, $"{file} {string.Join(' ', arguments)}: killed after {limit.TotalSeconds:0} s\n{await error}");
        }
        return new Result(process.ExitCode, await output, await error);
    }
}
