using System.CommandLine;
using Arc.Cli.Rendering;

namespace Arc.Cli;

/// <summary>
/// Runs a command body and maps failures to DESIGN.md's exit codes, so no user ever sees a stack trace:
/// an <see cref="ArcException"/> carries its own code, Ctrl-C is 130, anything else is a bug (70).
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
        catch (ArcException e)
        {
            await context.Err.WriteLineAsync($"arc: {ErrorText.Of(e)}");
            return e.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await context.Err.WriteLineAsync("arc: interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            await context.Err.WriteLineAsync($"arc: internal error: {e.Message}");
            return ExitCodes.Internal;
        }
    }
}
