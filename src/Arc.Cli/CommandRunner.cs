using System.CommandLine;
using Arc.Platform.Drivers;
using Arc.Platform.Registry;
using Arc.Platform.Yaml;

namespace Arc.Cli;

/// <summary>
/// Runs a command body and maps failures to DESIGN.md's exit codes, so no user ever sees a
/// stack trace: configuration and usage errors are 2, driver failures 1, Ctrl-C 130.
/// </summary>
internal static class CommandRunner
{
    public static void Bind(Command command, GlobalOptions globals, Func<CliContext, ParseResult, CancellationToken, Task<int>> body) =>
        command.SetAction((parse, cancellationToken) => RunAsync(globals.Context(parse), parse, cancellationToken, body));

    private static async Task<int> RunAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken,
        Func<CliContext, ParseResult, CancellationToken, Task<int>> body)
    {
        try
        {
            return await body(context, parse, cancellationToken);
        }
        catch (ConfigException e)
        {
            await context.Err.WriteLineAsync($"arc: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (UsageException e)
        {
            await context.Err.WriteLineAsync($"arc: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (DriverException e)
        {
            await context.Err.WriteLineAsync($"arc: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await context.Err.WriteLineAsync("arc: interrupted");
            return ExitCodes.Interrupted;
        }
    }
}
