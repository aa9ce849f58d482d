using System.Text.Json;

namespace Arc.Platform.Tests.Cli.Commands;

[Trait("Tier", "unit")]
public sealed class RegistryCommandsTests
{
    [Fact]
    public async Task ProfilesJsonShowsThinkWithTheThreeServices()
    {
        var result = await ArcRunner.RunAsync("--root", TempRepo.RealRoot, "profiles", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var think = json.RootElement.GetProperty("profiles").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "think");
        Assert.Equal(["flash", "strange", "sonic"], think.GetProperty("services").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task ServicesJsonIsOneDocumentWithEveryService()
    {
        var result = await ArcRunner.RunAsync("--root", TempRepo.RealRoot, "services", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var services = json.RootElement.GetProperty("services").EnumerateArray().ToList();
        Assert.Equal(["flash", "sonic", "strange"], services.Select(s => s.GetProperty("codename").GetString()).Order());
        Assert.Empty(result.Err);
    }

    [Fact]
    public async Task ServicesTableNamesEveryCodename()
    {
        var result = await ArcRunner.RunAsync("--root", TempRepo.RealRoot, "services");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("CODENAME", result.Out);
        foreach (var codename in new[] { "flash", "strange", "sonic" })
            Assert.Contains(codename, result.Out);
    }

    [Fact]
    public async Task MalformedServiceYamlExitsTwoWithItsLocation()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        repo.Replace("services/cache/service.yaml", "health: redis-cli -p 6379 ping", "health: [redis-cli -p 6379 ping");

        var result = await ArcRunner.RunAsync("--root", repo.Root, "services");

        Assert.Equal(2, result.ExitCode);
        Assert.Matches(@"services/cache/service\.yaml:\d+:\d+: ", result.Err);
        Assert.DoesNotContain("   at ", result.Err);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task UnknownCommandIsAUsageError()
    {
        var result = await ArcRunner.RunAsync("--root", TempRepo.RealRoot, "launch");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("launch", result.Err);
    }

    [Fact]
    public async Task MissingRootDirectoryIsAUsageError()
    {
        var result = await ArcRunner.RunAsync("--root", "/nonexistent/arc-root", "services");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no such directory", result.Err);
    }

    [Fact]
    public async Task DirectoryWithoutProfilesIsAConfigurationError()
    {
        using var repo = TempRepo.Empty();
        Directory.CreateDirectory(repo.PathOf("services"));

        var result = await ArcRunner.RunAsync("--root", repo.Root, "profiles");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("services/profiles.yaml:1:1", result.Err);
    }
}
