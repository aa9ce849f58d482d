using System.Text.RegularExpressions;

namespace Arc.Platform.Tests.Architecture;

/// <summary>
/// Issue 15's measurement, kept as a test so it cannot regress: outside src/Arc.Platform/Technologies/, no
/// source line of code (comments aside) names a technology or one of this repository's services; what a
/// technology knows reaches the core through what it registers. The registration itself is
/// TechnologyCatalog, inside Technologies/.
/// </summary>
[Trait("Tier", "unit")]
public sealed partial class TechnologyNamesTests
{
    /// <summary>The technologies, their servers' own words, and the codenames of this repository's services.</summary>
    [GeneratedRegex("nats|redis|pulsar|jetstream|sentinel|valkey|kafka|flash|sonic|strange", RegexOptions.IgnoreCase)]
    private static partial Regex TechnologyWord();

    [GeneratedRegex(@"^\s*(//|/\*|\*)")]
    private static partial Regex CommentLine();

    /// <summary>Files allowed to name technologies outside Technologies/ (the issue allows at most two, for a registration).</summary>
    private static readonly string[] Registration = [];

    [Fact]
    public void No_source_file_outside_technologies_names_a_technology_in_code()
    {
        var offenders = CoreSources()
            .SelectMany(file => File.ReadLines(Path.Combine(TempRepo.RealRoot, file))
                .Select((line, i) => (file, line: i + 1, text: line))
                .Where(l => !CommentLine().IsMatch(l.text) && TechnologyWord().IsMatch(l.text)))
            .Where(l => !Registration.Contains(l.file))
            .ToList();
        var named = offenders.Select(l => $"{l.file}:{l.line}: {l.text.Trim()}").ToList();

        Assert.True(named.Count == 0, "technology named outside Technologies/:\n" + string.Join("\n", named));
        Assert.True(Registration.Length <= 2);
    }

    [Fact]
    public void The_measurement_finds_a_technology_named_in_code_and_not_in_a_comment()
    {
        Assert.Matches(TechnologyWord(), "var url = service.Endpoint(\"client\").Url(\"nats\");");
        Assert.Matches(TechnologyWord(), "if (service.Codename == \"Sonic\")");
        Assert.Matches(CommentLine(), "    // Redis' --bind takes several addresses");
        Assert.Matches(CommentLine(), "    /// <summary>NATS</summary>");
        Assert.DoesNotMatch(CommentLine(), "    var x = 1; // redis");
        Assert.NotEmpty(CoreSources());
        Assert.Contains("src/Arc.Platform/Lifecycle/UpOperation.cs", CoreSources());
        Assert.DoesNotContain(CoreSources(), f => f.StartsWith("src/Arc.Platform/Technologies/", StringComparison.Ordinal));
    }

    [Fact]
    public void Lifecycle_neither_type_tests_nor_compares_a_driver()
    {
        var lifecycle = Path.Combine(TempRepo.RealRoot, "src", "Arc.Platform", "Lifecycle");
        var offenders = Directory.EnumerateFiles(lifecycle, "*.cs")
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file: Path.GetFileName(file), line: i + 1, text: line)))
            .Where(l => !CommentLine().IsMatch(l.text) && DriverComparison().IsMatch(l.text))
            .Select(l => $"{l.file}:{l.line}: {l.text.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "a driver compared or type-tested in Lifecycle/:\n" + string.Join("\n", offenders));
        Assert.Matches(DriverComparison(), "if (driver is NativeDriver native)");
        Assert.Matches(DriverComparison(), "choice == DriverChoice.Docker");
        Assert.Matches(DriverComparison(), "name == \"docker\" ? a : b");
    }

    [GeneratedRegex(@"\bis\s+(Native|Docker)Driver\b|[=!]=\s*DriverChoice\.|DriverChoice\.\w+\s*[=!]=|[=!]=\s*""(native|docker)""")]
    private static partial Regex DriverComparison();

    /// <summary>Every C# source under src/ outside Technologies/ (build output aside), relative to the repository, with '/'.</summary>
    private static List<string> CoreSources()
    {
        var src = Path.Combine(TempRepo.RealRoot, "src");
        return [.. Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(TempRepo.RealRoot, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Where(f => !f.StartsWith("src/Arc.Platform/Technologies/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
    }
}
