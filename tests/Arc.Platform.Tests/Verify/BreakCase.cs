using Arc.Platform.Verify;

namespace Arc.Platform.Tests.Verify;

/// <summary>
/// One way to break a copy of the real repository, the rule that must catch it, and where.
/// <see cref="LineText"/> names the text of the offending line in the broken file, when the
/// rule can point at one line.
/// </summary>
/// <see cref="LoadFailsToo"/>: the breakage also makes the strict loader refuse the file, so the rules that
/// read it through the loader report that one located problem as well (and nothing else).
public sealed record BreakCase(string Name, string Rule, string File, Action<RepoCopy> Break, string? LineText = null, bool LoadFailsToo = false)
{
    public override string ToString() => Name;
}

internal static class VerifyAssert
{
    /// <summary>Every violation is of <paramref name="rule"/>, and one names <paramref name="file"/> (at <paramref name="line"/>).</summary>
    public static void OnlyRule(VerifyResult result, string rule, string file, int? line = null, bool loadFailsToo = false)
    {
        if (loadFailsToo)
        {
            Assert.True(result.Violations.Any(v => v.Rule != rule), "expected the strict loader to refuse the file too");
            Assert.All(result.Violations.Where(v => v.Rule != rule), v => Assert.True(v.File == file && v.Line == line, $"not the load problem: {v}"));
            result = result with { Violations = [.. result.Violations.Where(v => v.Rule == rule)] };
        }
        var all = string.Join("\n", result.Violations);
        Assert.True(result.Violations.Count > 0, $"expected {rule} to fire, nothing did");
        Assert.True(result.Violations.All(v => v.Rule == rule), $"expected only {rule}, got:\n{all}");
        Assert.True(result.Violations.Any(v => v.File == file && (line is null || v.Line == line)),
            $"expected a violation at {file}:{line?.ToString() ?? "*"}, got:\n{all}");
    }
}
