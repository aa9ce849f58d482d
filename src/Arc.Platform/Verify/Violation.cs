namespace Arc.Platform.Verify;

/// <summary>One broken rule at one place; <see cref="File"/> is relative to the repository root.</summary>
public sealed record Violation(string Rule, string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line} {Rule} {Message}";
}

/// <summary>How many rules ran and what they found.</summary>
public sealed record VerifyResult(int RuleCount, IReadOnlyList<Violation> Violations)
{
    public bool Passed => Violations.Count == 0;
}
