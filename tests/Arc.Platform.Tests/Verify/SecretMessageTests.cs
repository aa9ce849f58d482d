namespace Arc.Platform.Tests.Verify;

/// <summary>A secret found is named by key, flag and line, never printed: the message must not leak what it guards.</summary>
[Trait("Tier", "unit")]
public sealed class SecretMessageTests
{
    private static readonly string[] Secrets = ["s3cr3tV4lue", "hunter2", "abc123", "s3cr3t"];

    public static TheoryData<string> SecretCases => [.. BreakCases.All.Where(c => c.Rule == "no-secrets").Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(SecretCases))]
    public void No_violation_message_contains_the_secret(string name)
    {
        using var repo = new RepoCopy();
        BreakCases.Named(name).Break(repo);

        var result = repo.Verify();

        Assert.NotEmpty(result.Violations);
        Assert.All(result.Violations, v => Assert.DoesNotContain(Secrets, s => v.Message.Contains(s, StringComparison.Ordinal)));
    }
}
