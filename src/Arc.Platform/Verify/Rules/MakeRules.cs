using Arc.Platform.Verify.Files;

namespace Arc.Platform.Verify.Rules;

public sealed class MakefileIncludesEveryMk : Rule
{
    public override string Id => "makefile-includes-every-mk";
    public override string Description => "the root Makefile includes services/messaging.mk and every services/*/*.mk; every include resolves";

    public override IEnumerable<Violation> Check(RepoSnapshot repo)
    {
        var makefile = repo.Make(RepoSnapshot.RootMakefile);
        if (makefile.ProblemFor(Id) is { } problem)
        {
            yield return problem;
            yield break;
        }
        var included = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (pattern, line) in makefile.Value!.Includes)
        {
            var matches = pattern.Contains('*') || pattern.Contains('?') ? repo.Glob(pattern) : repo.Exists(pattern) ? [pattern] : [];
            if (matches.Count == 0)
                yield return At(makefile, line, $"include '{pattern}' matches no file");
            included.UnionWith(matches);
        }
        // A service's missing .mk is mk-required-targets' finding; here every .mk that exists must be included.
        var expected = repo.Glob("services/*.mk").Concat(repo.Glob("services/*/*.mk"));
        foreach (var mk in expected.Where(mk => !included.Contains(mk)))
            yield return At(makefile, 1, $"'{mk}' is not included");
    }
}

/// <summary>Checks that a .mk file defines targets, documents each with a <c>## target:</c> line, and lists it in .PHONY.</summary>
public abstract class MakeTargetsRule : Rule
{
    protected IEnumerable<Violation> RequireTargets(Loaded<MakeFile> mk, IEnumerable<string> targets)
    {
        if (mk.ProblemFor(Id) is { } problem)
        {
            yield return problem;
            yield break;
        }
        var file = mk.Value!;
        foreach (var target in targets)
        {
            var defined = file.Target(target);
            if (defined is null)
            {
                yield return At(mk, 1, $"target '{target}' is not defined");
                continue;
            }
            if (!file.HelpLines.ContainsKey(target))
                yield return At(mk, defined.Line, $"target '{target}' has no '## {target}: description' line");
            if (!file.Phony.ContainsKey(target))
                yield return At(mk, defined.Line, $"target '{target}' is not in .PHONY");
        }
    }
}

public sealed class MkRequiredTargets : MakeTargetsRule
{
    public static readonly string[] Verbs = ["help", "build", "build-fresh", "up", "down", "health", "logs", "clean", "nuke"];

    public override string Id => "mk-required-targets";
    public override string Description => "each services/<role>/<codename>.mk defines <codename>-help|build|build-fresh|up|down|health|logs|clean|nuke, documented and .PHONY";

    public override IEnumerable<Violation> Check(RepoSnapshot repo) =>
        repo.Services.SelectMany(s => RequireTargets(repo.Make(RepoSnapshot.MkPath(s)), Verbs.Select(v => $"{s.Codename}-{v}")));
}

public sealed class MessagingAggregates : MakeTargetsRule
{
    public static readonly string[] Targets = ["messaging-up", "messaging-down", "messaging-health", "messaging-logs"];

    public override string Id => "messaging-aggregates";
    public override string Description => "services/messaging.mk defines messaging-up|down|health|logs, documented and .PHONY; messaging-up ensures arc_platform_net";

    public override IEnumerable<Violation> Check(RepoSnapshot repo)
    {
        var mk = repo.Make(RepoSnapshot.MessagingMk);
        foreach (var violation in RequireTargets(mk, Targets))
            yield return violation;
        var up = mk.Value?.Target("messaging-up");
        if (up is not null && !EnsuresNetwork(up, mk.Value!))
            yield return At(mk, up.Line, $"messaging-up does not make sure {NetworkExternal.PlatformNet} exists before the compose files that declare it external start");
    }

    private static bool EnsuresNetwork(MakeTarget up, MakeFile file)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<MakeTarget>([up]);
        while (pending.Count > 0)
        {
            var target = pending.Pop();
            if (!seen.Add(target.Name))
                continue;
            if (target.Recipe.Any(line => line.Contains(NetworkExternal.PlatformNet, StringComparison.Ordinal)))
                return true;
            foreach (var other in file.Targets.Where(t => target.Recipe.Any(line => line.Contains(t.Name, StringComparison.Ordinal)) && t.Name.Contains("network", StringComparison.Ordinal)))
                pending.Push(other);
        }
        // A prerequisite such as `messaging-up: platform-network` counts too.
        var prerequisiteLine = file.Lines.ElementAtOrDefault(up.Line - 1) ?? "";
        return prerequisiteLine.Contains("network", StringComparison.Ordinal);
    }
}

public sealed class MkDestructiveConfirm : Rule
{
    public override string Id => "mk-destructive-confirm";
    public override string Description => "<codename>-clean and -nuke ask before deleting data: they call `arc clean` without --yes, or prompt with read";

    public override IEnumerable<Violation> Check(RepoSnapshot repo)
    {
        foreach (var service in repo.Services)
        {
            var mk = repo.Make(RepoSnapshot.MkPath(service));
            if (mk.Value is null)
                continue; // mk-required-targets reports the missing file
            foreach (var verb in new[] { "clean", "nuke" })
            {
                var target = mk.Value.Target($"{service.Codename}-{verb}");
                if (target is null)
                    continue;
                var recipe = string.Join('\n', target.Recipe);
                var skipsQuestion = System.Text.RegularExpressions.Regex.IsMatch(recipe, @"(^|\s)(--yes|-y|--force|-f)(\s|$)");
                var asks = System.Text.RegularExpressions.Regex.IsMatch(recipe, @"\bread\b|(\barc|\$\(ARC\))\s+clean\b");
                if (skipsQuestion || !asks)
                    yield return At(mk, target.Line, $"'{target.Name}' deletes data without asking for confirmation");
            }
        }
    }
}
