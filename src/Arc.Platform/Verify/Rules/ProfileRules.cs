namespace Arc.Platform.Verify.Rules;

public sealed class ProfileThinkMembers : Rule
{
    public static readonly string[] PlanServices = ["flash", "strange", "sonic"];

    public override string Id => "profile-think-members";
    public override string Description => "think resolves to flash, strange and sonic at least; every larger profile holds all of think";

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
        foreach (var profile in registry.Profiles.Where(p => p.Name != "think"))
        {
            var theirs = registry.ProfileMembers(profile.Name);
            var lacking = members.Where(m => !theirs.Contains(m)).ToList();
            if (theirs.Count > members.Count && lacking.Count > 0)
                yield return At(Registry.ServiceRegistry.ProfilesFile, profile.Line, $"profile '{profile.Name}' is larger than 'think' but lacks {string.Join(", ", lacking)}");
        }
    }
}
