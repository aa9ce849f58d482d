using System.CommandLine;
using Arc.Cli;
using FsCheck;
using FsCheck.Fluent;

namespace Arc.Platform.Tests.Cli.Commands;

/// <summary>
/// Property: whatever word follows an option that takes a value, on any command, `arc` ends with exit 0, 1 or 2
/// and one-line messages: never a stack trace, an internal error (70) or an abort (134). The command tree is the
/// real one, enumerated (a new option is fuzzed the day it is added); it runs in-process over fake drivers, on a
/// copy of the repository whose Redis and NATS ports are free ones, so nothing touches a server on a default port.
/// --root is left out: it chooses the repository, and a random one is not the test copy.
/// </summary>
[Trait("Tier", "unit")]
public sealed class OptionValueFuzzTests : IDisposable
{
    private const int CasesPerOption = 150;
    private readonly TempRepo _repo = Bench.BenchRepo.For(redisPort: FreePorts.Next(), natsPort: FreePorts.Next());
    private readonly FakeStack _fakes = FakeStack.Of();

    public void Dispose()
    {
        _repo.Dispose();
        _fakes.Dispose();
    }

    /// <summary>Every (command path, option) pair whose option takes a value; a command needing a service gets sonic.</summary>
    public static TheoryData<string, string> ValueOptions()
    {
        var data = new TheoryData<string, string>();
        var globals = new GlobalOptions(ArcServices.Real());
        foreach (var command in CommandCatalog.Create(globals, Arc.Platform.Technologies.TechnologyCatalog.CreateDefault()))
            foreach (var (path, option) in Walk(command, command.Name))
                data.Add(path, option);
        return data;
    }

    [Fact]
    public void The_enumeration_reaches_every_numeric_option()
    {
        var pairs = ValueOptions().Select(row => $"{row[0]} {row[1]}").ToHashSet();

        foreach (var expected in new[] { "up --timeout", "bench --duration", "bench --requests", "bench --clients", "bench --size", "bench --pipeline", "env --format", "up --driver" })
            Assert.Contains(expected, pairs);
    }

    [Theory]
    [MemberData(nameof(ValueOptions))]
    public void Any_word_as_an_option_value_exits_0_1_or_2_without_a_stack_trace(string command, string option)
    {
        var prefix = Invocation(command);
        Prop.ForAll(Words().ToArbitrary(), word =>
        {
            var run = TestSync.Run(() => ArcRunner.RunAsync(_fakes.Cli(), CancellationToken.None, ["--root", _repo.Root, .. prefix, option, word]));
            var said = $"{command} {option} '{word}': exit {run.ExitCode}: {run.Err}";
            Assert.True(run.ExitCode is 0 or 1 or 2, said);
            Assert.DoesNotContain("   at ", run.Err);
            Assert.DoesNotContain("internal error", run.Err);
            Assert.DoesNotContain("Exception", run.Err);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(CasesPerOption).WithQuietOnSuccess(true));
    }

    [Theory]
    [InlineData("up", "--timeout", "1e9")]
    [InlineData("up", "--timeout", "99999999999")]
    [InlineData("up", "--timeout", "abc")]
    [InlineData("up", "--timeout", "0")]
    [InlineData("bench sonic", "--clients", "abc")]
    [InlineData("bench sonic", "--requests", "99999999999999999999")]
    [InlineData("bench sonic", "--duration", "nan")]
    [InlineData("bench sonic", "--duration", "infinity")]
    [InlineData("bench sonic", "--duration", "1e3")]
    [InlineData("bench sonic", "--size", "1.5")]
    [InlineData("bench sonic", "--pipeline", "-0")]
    [InlineData("up", "--timeout", "@/etc")]
    public async Task The_reported_crashes_are_usage_errors_naming_the_option_and_its_range(string command, string option, string word)
    {
        var run = await ArcRunner.RunAsync(_fakes.Cli(), CancellationToken.None, ["--root", _repo.Root, .. command.Split(' '), option, word]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"arc: {option} {word}: expected a ", run.Err);
        Assert.Matches(@"(from -?\d+ to \d+|above \d+ and at most \d+)\r?\n", run.Err);
    }

    /// <summary>
    /// The command with the services it needs: bench drives sonic (on a free port); a lifecycle command works on
    /// flash and sonic, whose ports the fake technology's client connection matches.
    /// </summary>
    private static string[] Invocation(string command)
    {
        var path = command.Split(' ');
        var tree = CommandCatalog.Create(new GlobalOptions(ArcServices.Real()), Arc.Platform.Technologies.TechnologyCatalog.CreateDefault()).Single(c => c.Name == path[0]);
        foreach (var name in path.Skip(1))
            tree = tree.Subcommands.Single(c => c.Name == name);
        if (tree.Arguments.Any(a => a.Name == "service"))
            return [.. path, "sonic"];
        return tree.Arguments.Any(a => a.Name == "TARGET") ? [.. path, "flash", "sonic"] : path;
    }

    /// <summary>Random text, and words near the edges of a number: huge, signed, fractional, NaN, infinite, with an exponent.</summary>
    private static Gen<string> Words() => Gen.OneOf(
        ArbMap.Default.GeneratorFor<string>().Where(s => s is not null),
        Gen.Elements("nan", "NaN", "-nan", "inf", "infinity", "-Infinity", "∞", "1e9", "1E-3", "0x10", "", " ", " 5", "5 ", "+5", "-0",
            "0", "-1", "1.", ".5", "0.0001", "1,5", "1_000", "99999999999", "99999999999999999999", "9223372036854775808",
            "-9223372036854775809", "2147483648", "4.9e-324", "1.7976931348623157E+308", "٣", "true", "auto", "shell", "--json"),
        ArbMap.Default.GeneratorFor<long>().Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ArbMap.Default.GeneratorFor<double>().Select(d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

    private static IEnumerable<(string Path, string Option)> Walk(Command command, string path)
    {
        foreach (var option in command.Options)
            if (option.ValueType != typeof(bool) && option.Name != "--root" && !option.Hidden)
                yield return (path, option.Name);
        foreach (var sub in command.Subcommands)
            foreach (var pair in Walk(sub, $"{path} {sub.Name}"))
                yield return pair;
    }
}
