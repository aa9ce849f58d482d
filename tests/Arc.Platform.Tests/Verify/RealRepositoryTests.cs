using Arc.Platform.Verify;

namespace Arc.Platform.Tests.Verify;

[Trait("Tier", "unit")]
public sealed class RealRepositoryTests
{
    [Fact]
    public void The_real_repository_passes_every_rule()
    {
        var result = Verifier.Run(TempRepo.RealRoot, TechnologyFacts.Catalog);

        Assert.True(result.RuleCount >= 20, $"only {result.RuleCount} rules");
        Assert.True(result.Violations.Count == 0, string.Join("\n", result.Violations));
    }

    [Fact]
    public void Rule_ids_are_unique_kebab_case_and_described()
    {
        var ids = Verifier.Rules.Select(r => r.Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(Verifier.Rules, r =>
        {
            Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", r.Id);
            Assert.False(string.IsNullOrWhiteSpace(r.Description));
        });
    }
}
