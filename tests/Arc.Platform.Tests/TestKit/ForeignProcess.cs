using System.Diagnostics;

namespace Arc.Platform.Tests.TestKit;

/// <summary>A process arc did not start (a squatter on a port, a program that reused a pid); killed on dispose.</summary>
public sealed class ForeignProcess : IDisposable
{
    private readonly Process _process;

    private ForeignProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public static ForeignProcess Start(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        var process = Process.Start(info)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ForeignProcess(process);
    }

    /// <summary>redis-server on 127.0.0.1:port without persistence, answering PING once this returns.</summary>
    public static async Task<ForeignProcess> RedisOnAsync(int port)
    {
        var squatter = Start("redis-server", "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no");
        await Poll.UntilAsync(async () => squatter._process.HasExited
            ? throw new InvalidOperationException("the foreign redis-server exited")
            : await RedisCli.PingsAsync(port), $"the foreign redis-server to answer on {port}");
        return squatter;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }
}

internal static class RedisCli
{
    public static async Task<bool> PingsAsync(int port) => (await RunAsync(port, "PING")).Trim() == "PONG";

    public static Task<string> RunAsync(int port, params string[] command) => RunAsync(null, port, command);

    /// <summary>As a client with <paramref name="password"/> (the default user's), given as redis-cli reads it: never on its command line.</summary>
    public static async Task<string> RunAsync(string? password, int port, params string[] command)
    {
        var environment = password is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["REDISCLI_AUTH"] = password };
        var result = await KitProcess.RunAsync("redis-cli", ["-h", "127.0.0.1", "-p", port.ToString(), .. command], environment, KitProcess.DefaultLimit);
        return result.Out;
    }
}
