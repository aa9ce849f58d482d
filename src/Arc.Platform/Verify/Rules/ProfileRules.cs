namespace Arc.Platform.Verify.Rules;

public sealed class ProfileThinkMembers : Rule
{
    /// <summary>The profile holding the plan's services (DESIGN.md §4: the messaging and cache layer), which think must hold.</summary>
    public const string PlanProfile = "transport";

    /// <summary>The plan: think "bootstraps messaging alongside cortex"; cortex lives in the platform's repository.</summary>
    public const string Cortex = "cortex";

    public override string Id => "profile-think-members";
    public override string Description => $"think resolves to every service of {PlanProfile} at least and lists cortex; every larger profile holds all of think";

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
        if (registry.FindProfile(PlanProfile) is null)
            yield return At(Registry.ServiceRegistry.ProfilesFile, 1, $"no profile '{PlanProfile}' (the plan's services, which think must hold)");
        var plan = registry.FindProfile(PlanProfile) is null ? [] : registry.ProfileMembers(PlanProfile);
        var missing = plan.Where(s => !members.Contains(s)).ToList();
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
