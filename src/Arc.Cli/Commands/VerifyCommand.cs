using System.CommandLine;
using System.Text.Json;
using Arc.Cli.Rendering;
using Arc.Platform.Technologies;
using Arc.Platform.Verify;

namespace Arc.Cli.Commands;

/// <summary>`arc verify`: the plan's reviewer checklist, run as rules over the repository's files.</summary>
internal static class VerifyCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var list = new Option<bool>("--list-rules") { Description = "Print every rule id with what it checks, and exit" };
        var command = new Command("verify", "Check the repository against the conformance rules (the plan's reviewer checklist); exit 1 on any violation") { list };
        CommandRunner.Bind(command, globals, async (context, parse, _) =>
        {
            if (parse.GetValue(list))
            {
                foreach (var rule in Verifier.Rules)
                    await context.Out.WriteLineAsync($"{rule.Id,-36} {rule.Description}");
                return ExitCodes.Success;
            }
            await using var technologies = context.Services.CreateTechnologies();
            var result = Verifier.Run(context.Root, technologies);
            if (context.Json)
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(ToJson(result), ArcJsonContext.Default.VerifyDocument));
            else
            {
                foreach (var violation in result.Violations)
                    await context.Out.WriteLineAsync(violation.ToString());
                await context.Err.WriteLineAsync(result.Violations.Count == 0
                    ? $"verify: {result.RuleCount} rules, no violation"
                    : $"verify: {result.RuleCount} rules, {result.Violations.Count} violation(s)");
            }
            return result.Violations.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static VerifyDocument ToJson(VerifyResult result) =>
        new(result.RuleCount, [.. result.Violations.Select(v => new ViolationJson(v.Rule, v.File, v.Line, v.Message))]);
}

internal sealed record VerifyDocument(int Rules, IReadOnlyList<ViolationJson> Violations);

internal sealed record ViolationJson(string Rule, string File, int Line, string Message);
