using System.Diagnostics;
using System.Text.Json;

namespace Arc.Platform.Tests.Cli;

/// <summary>
/// The Native AOT bin/arc, not the JIT build: trimming and AOT can break what in-process tests
/// never see (serializers, reflection). `make test` builds bin/arc before running the tests.
/// </summary>
[Trait("Tier", "unit")]
public sealed class PublishedBinaryTests
{
    private static readonly string Binary = Path.Combine(TempRepo.RealRoot, "bin", "arc");

    [SkippableFact]
    public void Version_and_help_work()
    {
        var version = Run("--version");
        var help = Run("up", "--help");

        Assert.Equal(0, version.Code);
        Assert.Matches(@"^\d+\.\d+\.\d+", version.Out);
        Assert.Equal(0, help.Code);
        Assert.Contains("--driver", help.Out);
    }

    [SkippableFact]
    public void Verify_json_reports_the_rules_and_no_violation()
    {
        var result = Run("--root", TempRepo.RealRoot, "verify", "--json");

        Assert.Equal(0, result.Code);
        using var json = JsonDocument.Parse(result.Out);
        Assert.True(json.RootElement.GetProperty("rules").GetInt32() >= 20);
        Assert.Equal(0, json.RootElement.GetProperty("violations").GetArrayLength());
    }

    [SkippableFact]
    public void Profiles_json_shows_think()
    {
        var result = Run("--root", TempRepo.RealRoot, "profiles", "--json");

        using var json = JsonDocument.Parse(result.Out);
        var think = json.RootElement.GetProperty("profiles").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "think");
        Assert.Equal(["flash", "strange", "sonic"], think.GetProperty("services").EnumerateArray().Select(s => s.GetString()));
    }

    [SkippableFact]
    public void Malformed_service_yaml_exits_two_with_line_and_column()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        repo.Replace("services/messaging/service.yaml", "codename: flash", "codename: {flash");

        var result = Run("--root", repo.Root, "services");

        Assert.Equal(2, result.Code);
        Assert.Matches(@"services/messaging/service\.yaml:\d+:\d+: ", result.Err);
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        Skip.IfNot(File.Exists(Binary), $"{Binary} is not built; run `make arc` (make test does)");
        var result = KitProcess.Run(Binary, args);
        return (result.ExitCode, result.Out, result.Err);
    }
}
