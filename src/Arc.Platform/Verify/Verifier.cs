using Arc.Platform.Technologies;
using Arc.Platform.Verify.Rules;

namespace Arc.Platform.Verify;

/// <summary>Runs every conformance rule over a repository checkout.</summary>
public static class Verifier
{
    /// <summary>The rules with the default technologies' own (a catalog only read for its rules: nothing is opened).</summary>
    public static IReadOnlyList<IRule> Rules { get; } = RuleCatalog.For(TechnologyCatalog.CreateDefault());

    /// <summary>The core rules and those <paramref name="technologies"/> register.</summary>
    public static IReadOnlyList<IRule> RulesOf(TechnologyCatalog technologies) => RuleCatalog.For(technologies);

    /// <summary>
    /// Checks <paramref name="root"/>. An invalid registry is not a rule violation but unusable
    /// configuration: its <see cref="ConfigException"/> propagates (exit 2). <paramref name="technologies"/>
    /// say what each technology offers its clients; verify never probes through them.
    /// </summary>
    public static VerifyResult Run(string root, TechnologyCatalog technologies)
    {
        var repo = new RepoSnapshot(root, technologies);
        _ = repo.Registry;
        var rules = RulesOf(technologies);
        var violations = rules
            .SelectMany(rule => rule.Check(repo))
            .OrderBy(v => v.File, StringComparer.Ordinal)
            .ThenBy(v => v.Line)
            .ThenBy(v => v.Rule, StringComparer.Ordinal)
            .ToList();
        return new VerifyResult(rules.Count, violations);
    }
}
