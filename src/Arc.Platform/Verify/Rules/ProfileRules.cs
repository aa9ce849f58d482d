namespace Arc.Platform.Verify.Rules;

public sealed class ProfileThinkMembers : Rule
{
    public static readonly string[] PlanServices = ["flash", "strange", "sonic"];

    /// <summary>The plan: think "bootstraps messaging alongside cortex"; cortex lives in the platform's repository.</summary>
    public const string Cortex = "cortex";

    public override string Id => "profile-think-members";
    public override string Description => "think resolves to flash, strange and sonic at least and lists cortex; every larger profile holds all of think";

    public override IEnumerable<Violation> Check(RepoSnapshot repo)
    {
        var registry = repo.Registry;
        var think = registry.FindProfile("think");
        if (think is null)
        {
            yield return At(Registry.ServiceRegistry.ProfilesFile, 1, "no profile 'think'");
            yield break;
        }
        var members = registry.ProfileMembers("think");
        var missing = PlanServices.Where(s => !members.Contains(s)).ToList();
        if (missing.Count > 0)
            yield return At(Registry.ServiceRegistry.ProfilesFile, think.Line, $"profile 'think' resolves to [{string.Join(", ", members)}], missing {string.Join(", ", missing)}");
        var declared = Declared(registry, "think");
        if (!declared.Contains(Cortex))
            yield return At(Registry.ServiceRegistry.ProfilesFile, think.Line, "profile 'think' does not list cortex (the plan: think bootstraps messaging alongside cortex)");
        // A '*' profile holds every service of the platform by definition, absent ones included.
        foreach (var profile in registry.Profiles.Where(p => p.Name != "think" && !p.All))
        {
            var theirs = Declared(registry, profile.Name);
            var lacking = declared.Where(m => !theirs.Contains(m)).ToList();
            if (theirs.Count > declared.Count && lacking.Count > 0)
                yield return At(Registry.ServiceRegistry.ProfilesFile, profile.Line, $"profile '{profile.Name}' is larger than 'think' but lacks {string.Join(", ", lacking)}");
        }
    }

    /// <summary>Every member a profile names, present here or absent (cortex, otel), by codename where present.</summary>
    private static List<string> Declared(Registry.ServiceRegistry registry, string profile) =>
        [.. registry.ProfileMembers(profile), .. registry.AbsentMembers(profile)];
}
