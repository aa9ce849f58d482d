using System.Diagnostics;

namespace Arc.Platform.Tests.Verify;

/// <summary>The real compose files are valid for a real Compose implementation, where one is installed.</summary>
[Trait("Tier", "unit")]
public sealed class ComposeConfigTests
{
    public static TheoryData<string> ComposeFiles =>
        [.. Directory.GetFiles(Path.Combine(TempRepo.RealRoot, "services"), "docker-compose.yml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(TempRepo.RealRoot, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    [SkippableTheory]
    [MemberData(nameof(ComposeFiles))]
    public void Compose_config_accepts_the_file(string file)
    {
        var compose = FindCompose();
        Skip.If(compose is null, "no Compose binary: neither `docker compose version` nor `docker-compose version` works");

        var (exit, output) = Run(compose!.Value.Program, [.. compose.Value.Prefix, "-p", "arc-platform", "-f", Path.Combine(TempRepo.RealRoot, file), "config", "-q"]);

        Assert.True(exit == 0, $"{string.Join(' ', compose.Value.Prefix)} config -q {file} exited {exit}:\n{output}");
    }

    private static (string Program, string[] Prefix)? FindCompose()
    {
        if (TryRun("docker", ["compose", "version"]))
            return ("docker", ["compose"]);
        if (TryRun("docker-compose", ["version"]))
            return ("docker-compose", []);
        return null;
    }

    private static bool TryRun(string program, string[] args)
    {
        try
        {
            return Run(program, args).Exit == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // not installed
        }
    }

    private static (int Exit, string Output) Run(string program, string[] args)
    {
        var result = KitProcess.Run(program, args);
        return (result.ExitCode, result.Out + result.Err);
    }
}
