using System.Text.RegularExpressions;
using Arc.Platform.Compose;
using Arc.Platform.Registry;
using Arc.Platform.Technologies.Nats;
using Arc.Platform.Verify.Files;
using Arc.Platform.Yaml;
using FsCheck;
using FsCheck.Fluent;

namespace Arc.Platform.Tests.Yaml;

/// <summary>
/// Property, per input kind: whatever structural mutation a real file suffers, reading it either
/// succeeds or fails with a ConfigException located as file:line:col — never another exception,
/// a crash or a hang. Each kind runs <see cref="Cases"/> generated cases on every test run.
/// </summary>
[Trait("Tier", "unit")]
public sealed class InputPropertyTests : IDisposable
{
    public const int Cases = 10_000;
    private static readonly Regex Located = new(@"^[^:]+:\d+:\d+: \S", RegexOptions.CultureInvariant);
    private readonly TempDirectory _dir = new();

    // Cases go through real files, read as `arc` reads them; on tmpfs a write costs microseconds, not milliseconds.
    private readonly string _scratch = TempDirectory.Fresh("arc-fuzz-", Directory.Exists("/dev/shm") ? "/dev/shm" : null);

    public void Dispose()
    {
        _dir.Dispose();
        Directory.Delete(_scratch, recursive: true);
    }

    public static TheoryData<string> Kinds => ["service.yaml", "profiles.yaml", "streams.yaml", "compose"];

    /// <summary>The real file each kind mutates, and how `arc` reads it.</summary>
    private static (string File, Action<string, string> Read) Kind(string kind) => kind switch
    {
        "service.yaml" => ("services/cache/service.yaml", (path, display) => ServiceDefinitionReader.Read(path, display)),
        "profiles.yaml" => (ServiceRegistry.ProfilesFile, (path, display) => ProfileReader.Read(path, display)),
        "streams.yaml" => (StreamsFile.RelativePath, (path, display) => StreamsFile.Load(path, display)),
        "compose" => ("services/messaging/docker-compose.yml", ReadCompose),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Loads a compose file and touches every fact `arc` derives from it.</summary>
    private static void ReadCompose(string path, string display)
    {
        foreach (var service in ComposeFile.Load(path, display).Services)
        {
            _ = service.Command.Count + service.Entrypoint.Count + service.Environment.Count;
            _ = ComposeFacts.Ports(service).Count() + ComposeFacts.Volumes(service).Count() + ComposeFacts.Networks(service).Count;
            _ = Yml.Walk(service.Node).Count();
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Structural_mutations_load_or_fail_located(string kind)
    {
        var (file, read) = Kind(kind);
        var original = File.ReadAllText(Path.Combine(TempRepo.RealRoot, file));
        var path = Path.Combine(_scratch, Path.GetFileName(file));

        Prop.ForAll(StructuralMutations.Of(original).ToArbitrary(), bytes =>
        {
            File.WriteAllBytes(path, bytes);
            return LoadsOrFailsLocated(() => read(path, file));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true));
    }

    /// <summary>Every input that ever failed this suite (or crashed `arc` before it existed), kept as a regression test.</summary>
    public static TheoryData<string, string> Regressions => new()
    {
        { "service.yaml", HostileYaml.DeepFlow(60_000, "x-deep") },
        { "compose", "services:\n  a:\n    command: [x, {a: b}]\n" },
        { "compose", "services:\n  a:\n    environment:\n      ? {a: b}\n      : c\n" },
        { "compose", HostileYaml.AliasBomb() + "services: {}\n" },
        { "streams.yaml", HostileYaml.RecursiveAlias },
        { "profiles.yaml", "profiles:\n  a: &p {services: [*p]}\n" },
    };

    [Theory]
    [MemberData(nameof(Regressions))]
    public void Known_hostile_inputs_fail_located(string kind, string text)
    {
        var (file, read) = Kind(kind);
        var path = Path.Combine(_dir.Path, Path.GetFileName(file));
        File.WriteAllText(path, text);

        Assert.Throws<ConfigException>(() => read(path, file));
        Assert.True(LoadsOrFailsLocated(() => read(path, file)));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Non_regular_files_are_refused_located_without_blocking(string kind)
    {
        var (file, read) = Kind(kind);
        var fifo = Path.Combine(_dir.Path, "fifo");
        HostileYaml.MakeFifo(fifo);
        using var socket = HostileYaml.MakeSocket(Path.Combine(_dir.Path, "socket"));

        foreach (var path in new[] { fifo, Path.Combine(_dir.Path, "socket"), "/dev/zero", "/dev/null", _dir.Path })
        {
            var error = await Task.Run(() => Assert.Throws<ConfigException>(() => read(path, file))).WaitAsync(TimeSpan.FromMinutes(1));
            Assert.Equal((file, 1, 1), (error.File, error.Line, error.Column));
        }
    }

    private static bool LoadsOrFailsLocated(Action read)
    {
        try
        {
            read();
            return true;
        }
        catch (ConfigException e)
        {
            return Located.IsMatch(e.Message) && e.Line >= 1 && e.Column >= 1;
        }
    }
}
