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
    public void VersionAndHelpWork()
    {
        var version = Run("--version");
        var help = Run("up", "--help");

        Assert.Equal(0, version.Code);
        Assert.Matches(@"^\d+\.\d+\.\d+", version.Out);
        Assert.Equal(0, help.Code);
        Assert.Contains("--driver", help.Out);
    }

    [SkippableFact]
    public void VerifyJsonReportsTheRulesAndNoViolation()
    {
        var result = Run("--root", TempRepo.RealRoot, "verify", "--json");

        Assert.Equal(0, result.Code);
        using var json = JsonDocument.Parse(result.Out);
        Assert.True(json.RootElement.GetProperty("rules").GetInt32() >= 20);
        Assert.Equal(0, json.RootElement.GetProperty("violations").GetArrayLength());
    }

    [SkippableFact]
    public void ProfilesJsonShowsThink()
    {
        var result = Run("--root", TempRepo.RealRoot, "profiles", "--json");

        using var json = JsonDocument.Parse(result.Out);
        var think = json.RootElement.GetProperty("profiles").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "think");
        Assert.Equal(["flash", "strange", "sonic"], think.GetProperty("services").EnumerateArray().Select(s => s.GetString()));
    }

    [SkippableFact]
    public void MalformedServiceYamlExitsTwoWithLineAndColumn()
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
        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}
