using Arc.Platform.Verify;
using Arc.Platform.Verify.Rules;

namespace Arc.Platform.Tests.Verify.Rules;

[Trait("Tier", "unit")]
public sealed class ProfileRuleTests
{
    [Fact]
    public void A_profile_larger_than_think_must_hold_all_of_think()
    {
        using var repo = new RepoCopy();
        AddService(repo, "alpha", 7101);
        AddService(repo, "beta", 7102);
        repo.Edit("services/profiles.yaml", "think:\n", "big:\n  services: [cortex, flash, strange, alpha, beta]\nthink:\n");

        var violations = new ProfileThinkMembers().Check(new RepoSnapshot(repo.Root, TechnologyFacts.Catalog)).ToList();

        var violation = Assert.Single(violations);
        Assert.Equal(("services/profiles.yaml", repo.LineOf("services/profiles.yaml", "big:")), (violation.File, violation.Line));
        Assert.Contains("lacks sonic", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_larger_profile_holding_all_of_think_passes()
    {
        using var repo = new RepoCopy();
        AddService(repo, "alpha", 7101);
        repo.Edit("services/profiles.yaml", "think:\n", "big:\n  include: [think]\n  services: [alpha]\nthink:\n");

        Assert.Empty(new ProfileThinkMembers().Check(new RepoSnapshot(repo.Root, TechnologyFacts.Catalog)));
    }

    private static void AddService(RepoCopy repo, string codename, int port) =>
        repo.Write($"services/{codename}-role/service.yaml", $"""
            name: arc-{codename}
            codename: {codename}
            role: {codename}-role
            tech: nats
            description: test service
            image: ghcr.io/arc-framework/arc-{codename}
            upstream: https://example.invalid/{codename}
            ports:
              client: {port}
            health: http://localhost:{port}/healthz
            depends_on: []
            """);
}
