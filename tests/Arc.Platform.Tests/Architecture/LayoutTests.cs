using System.Text.RegularExpressions;

namespace Arc.Platform.Tests.Architecture;

/// <summary>
/// Issue 15's size and seam rules, kept as tests: no source file grows past 250 lines, and a driver is added in
/// its own folder plus its line in Composition/DriverCatalog, so no file in Lifecycle/ names a concrete driver.
/// </summary>
[Trait("Tier", "unit")]
public sealed partial class LayoutTests
{
    private const int MaxLines = 250;

    [GeneratedRegex(@"\b(NativeDriver|DockerDriver|DockerEngine|NativeRegistration|DockerRegistration|DriverCatalog)\b")]
    private static partial Regex ConcreteDriver();

    [GeneratedRegex(@"^\s*(//|/\*|\*)")]
    private static partial Regex CommentLine();

    [Fact]
    public void No_source_file_under_src_is_longer_than_250_lines()
    {
        var sources = Sources("src");
        var tooLong = sources.Select(f => (file: f, lines: File.ReadLines(Path.Combine(TempRepo.RealRoot, f)).Count()))
            .Where(f => f.lines > MaxLines).Select(f => $"{f.file}: {f.lines} lines").ToList();

        Assert.True(sources.Count > 100, $"the measurement found only {sources.Count} sources");
        Assert.True(tooLong.Count == 0, $"longer than {MaxLines} lines:\n" + string.Join("\n", tooLong));
    }

    [Fact]
    public void No_file_in_lifecycle_names_a_concrete_driver_so_a_new_driver_touches_none_of_them()
    {
        var offenders = Sources("src/Arc.Platform/Lifecycle")
            .SelectMany(f => File.ReadLines(Path.Combine(TempRepo.RealRoot, f)).Select((text, i) => (f, line: i + 1, text)))
            .Where(l => !CommentLine().IsMatch(l.text) && ConcreteDriver().IsMatch(l.text))
            .Select(l => $"{l.f}:{l.line}: {l.text.Trim()}").ToList();

        Assert.True(offenders.Count == 0, "a concrete driver named in Lifecycle/:\n" + string.Join("\n", offenders));
        Assert.Matches(ConcreteDriver(), "var native = new NativeDriver(root, technologies.For);");
        Assert.Matches(ConcreteDriver(), "DriverCatalog.All");
        Assert.DoesNotMatch(ConcreteDriver(), "IServiceDriver driver");
    }

    /// <summary>The C# files under <paramref name="folder"/> (build output aside), relative to the repository.</summary>
    private static List<string> Sources(string folder) =>
        [.. Directory.EnumerateFiles(Path.Combine(TempRepo.RealRoot, folder), "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(TempRepo.RealRoot, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
}
