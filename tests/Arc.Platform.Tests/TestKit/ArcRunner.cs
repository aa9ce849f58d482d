using Arc.Cli;

namespace Arc.Platform.Tests.TestKit;

/// <summary>Runs the `arc` command tree in-process and captures what it prints.</summary>
public static class ArcRunner
{
    public sealed record Result(int ExitCode, string Out, string Err);

    public static async Task<Result> RunAsync(params string[] args) => await RunAsync(CancellationToken.None, args);

    public static Task<Result> RunAsync(CancellationToken cancellationToken, params string[] args) =>
        RunAsync(ArcServices.Real(), cancellationToken, args);

    /// <summary>With <paramref name="services"/> wired in: fakes, or a part that fails.</summary>
    public static async Task<Result> RunAsync(ArcServices services, CancellationToken cancellationToken, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ArcApp.RunAsync(args, output, error, services, cancellationToken);
        return new Result(code, output.ToString(), error.ToString());
    }
}
