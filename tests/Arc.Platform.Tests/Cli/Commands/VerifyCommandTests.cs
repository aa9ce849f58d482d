using System.Text.Json;
using Arc.Platform.Tests.Verify;

namespace Arc.Platform.Tests.Cli.Commands;

/// <summary>`arc verify` as a user runs it: exit codes and the `file:line rule message` lines of issue 2's acceptance.</summary>
[Trait("Tier", "unit")]
public sealed class VerifyCommandTests
{
    public static TheoryData<string> AcceptanceCases => [.. BreakCases.All.Where(c => c.Name.StartsWith("acceptance:", StringComparison.Ordinal)).Select(c => c.Name)];

    [Fact]
    public async Task RealRepositoryPassesWithAtLeastTwentyRules()
    {
        var result = await ArcRunner.RunAsync("--root", TempRepo.RealRoot, "verify", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.True(json.RootElement.GetProperty("rules").GetInt32() >= 20);
        Assert.Equal(0, json.RootElement.GetProperty("violations").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(AcceptanceCases))]
    public async Task EachAcceptanceBreakageExitsOneNamingFileAndRule(string name)
    {
        var breakage = BreakCases.All.Single(c => c.Name == name);
        using var copy = new RepoCopy();
        breakage.Break(copy);

        var result = await ArcRunner.RunAsync("--root", copy.Root, "verify");

        Assert.Equal(1, result.ExitCode);
        Assert.Matches($@"(?m)^{System.Text.RegularExpressions.Regex.Escape(breakage.File)}:\d+ {breakage.Rule} \S", result.Out);
    }

    [Fact]
    public async Task JsonViolationsCarryRuleFileLineAndMessage()
    {
        using var copy = new RepoCopy();
        BreakCases.All.First(c => c.Rule == "ports-loopback-only").Break(copy);

        var result = await ArcRunner.RunAsync("--root", copy.Root, "verify", "--json");

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var violation = json.RootElement.GetProperty("violations")[0];
        Assert.Equal("ports-loopback-only", violation.GetProperty("rule").GetString());
        Assert.Equal("services/messaging/docker-compose.yml", violation.GetProperty("file").GetString());
        Assert.True(violation.GetProperty("line").GetInt32() > 1);
        Assert.False(string.IsNullOrEmpty(violation.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task InvalidRegistryMakesVerifyExitTwo()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        repo.Replace("services/cache/service.yaml", "role: cache", "role: [cache");

        var result = await ArcRunner.RunAsync("--root", repo.Root, "verify");

        Assert.Equal(2, result.ExitCode);
        Assert.Matches(@"services/cache/service\.yaml:\d+:\d+:", result.Err);
    }
}
