using Arc.Platform.Verify;

namespace Arc.Platform.Tests.Verify;

[Trait("Tier", "unit")]
public sealed class RuleBreakTests
{
    public static TheoryData<string> Names => [.. BreakCases.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Breaking_a_copy_of_the_repository_fires_exactly_the_rule_that_guards_it(string name)
    {
        var breakage = BreakCases.Named(name);
        using var repo = new RepoCopy();
        breakage.Break(repo);

        var result = repo.Verify();

        VerifyAssert.OnlyRule(result, breakage.Rule, breakage.File, ExpectedLine(repo, breakage), breakage.LoadFailsToo);
    }

    [Fact]
    public void Every_rule_has_a_break_case()
    {
        var covered = BreakCases.All.Select(c => c.Rule).ToHashSet();

        var ids = Verifier.Rules.Select(r => r.Id).ToHashSet();
        var untested = ids.Except(covered).ToList();
        var unknown = covered.Except(ids).ToList();

        Assert.True(untested.Count == 0, "rules without a break case: " + string.Join(", ", untested));
        Assert.True(unknown.Count == 0, "break cases of unknown rules: " + string.Join(", ", unknown));
    }

    private static int? ExpectedLine(RepoCopy repo, BreakCase breakage) => breakage.LineText switch
    {
        null => null,
        "#1" => 1,
        // A multi-line marker disambiguates a line that occurs more than once: its first line is meant.
        var text when text.Contains('\n') => LineOfBlockStart(repo.Read(breakage.File), text),
        var text => repo.LineOf(breakage.File, text),
    };

    private static int LineOfBlockStart(string content, string block)
    {
        var at = content.IndexOf(block, StringComparison.Ordinal);
        Assert.True(at >= 0, $"marker not found: {block}");
        return content[..at].Count(c => c == '\n') + 1;
    }
}
