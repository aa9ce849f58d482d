using System.Text.Json.Nodes;
using Arc.Platform.Compose;
using Arc.Platform.Health;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;
using Arc.Platform.Technologies.Nats;
using Arc.Platform.Technologies.Pulsar;
using Arc.Platform.Technologies.Redis;

namespace Arc.Platform.Tests.Lifecycle;

/// <summary>
/// `arc streams` and `arc topics` find their services through a technology's declared-resource capability,
/// never its name, and each service is held to the file in its own directory.
/// </summary>
[Trait("Tier", "unit")]
public sealed class ProvisioningDispatchTests : IDisposable
{
    private readonly TempDirectory _root = new();

    [Fact]
    public async Task Streams_without_a_service_whose_technology_declares_streams_is_the_usage_error_naming_nats()
    {
        await using var technologies = TechnologyCatalog.CreateDefault();
        var registry = Registry(SampleServices.Redis(16379), SampleServices.Pulsar(16650, 18080));

        var error = await Assert.ThrowsAsync<UsageException>(() => DeclaredResourceOperations.ListAsync(registry, technologies, "streams", CancellationToken.None));

        Assert.Equal("no service with tech: nats in services/*/service.yaml, so there are no JetStream streams to manage", error.Message);
        Assert.Equal(2, error.ExitCode);
    }

    [Fact]
    public async Task Topics_without_a_service_whose_technology_declares_topics_is_the_usage_error_naming_pulsar()
    {
        await using var technologies = TechnologyCatalog.CreateDefault();
        var registry = Registry(SampleServices.Nats(14222, 18222), SampleServices.Redis(16379));

        var error = await Assert.ThrowsAsync<UsageException>(() => DeclaredResourceOperations.ApplyAsync(registry, technologies, "topics", CancellationToken.None));

        Assert.Equal("no service with tech: pulsar in services/*/service.yaml, so there are no Pulsar resources to manage", error.Message);
    }

    [Fact]
    public async Task Every_service_of_the_kind_is_listed_against_its_own_file_whatever_its_tech_is_called()
    {
        var streaming = new StreamingTechnology();
        await using var technologies = new TechnologyCatalog([new RedisTechnology(), streaming]);
        var first = Own(SampleServices.Nats(14222, 18222) with { Codename = "first", Tech = streaming.Tech }, "first");
        var second = Own(first with { Codename = "second" }, "second");
        var registry = Registry(SampleServices.Redis(16379), first, second);

        var listed = await DeclaredResourceOperations.ListAsync(registry, technologies, "things", CancellationToken.None);
        await DeclaredResourceOperations.ApplyAsync(registry, technologies, "things", CancellationToken.None);

        Assert.Equal(["first", "second"], listed.Select(l => l.Service.Codename));
        Assert.Equal([
            $"list first {Path.Combine(first.Directory, "things.yaml")} services/first/things.yaml",
            $"list second {Path.Combine(second.Directory, "things.yaml")} services/second/things.yaml",
            $"apply first {Path.Combine(first.Directory, "things.yaml")} services/first/things.yaml",
            $"apply second {Path.Combine(second.Directory, "things.yaml")} services/second/things.yaml",
        ], streaming.Calls);
    }

    [Fact]
    public async Task A_service_of_the_kind_without_its_own_file_has_nothing_declared()
    {
        var streaming = new StreamingTechnology();
        await using var technologies = new TechnologyCatalog([streaming]);
        var declaring = Own(SampleServices.Nats(14222, 18222) with { Codename = "declaring", Tech = streaming.Tech }, "declaring");
        var bare = declaring with { Codename = "bare", Directory = Path.Combine(_root.Path, "services", "bare"), File = "services/bare/service.yaml" };

        var listed = await DeclaredResourceOperations.ListAsync(Registry(bare, declaring), technologies, "things", CancellationToken.None);

        Assert.Equal("declaring", Assert.Single(listed).Service.Codename);
    }

    [Fact]
    public async Task No_service_of_the_kind_with_its_file_is_the_configuration_error_naming_the_first_ones_path()
    {
        var streaming = new StreamingTechnology();
        await using var technologies = new TechnologyCatalog([streaming]);
        var bare = SampleServices.Nats(14222, 18222) with { Tech = streaming.Tech, Directory = _root.Path };

        var error = await Assert.ThrowsAsync<ConfigException>(() => DeclaredResourceOperations.ListAsync(Registry(bare), technologies, "things", CancellationToken.None));

        Assert.Equal("services/messaging/things.yaml:1:1: file not found", error.Message);
        Assert.Empty(streaming.Calls);
    }

    [Fact]
    public async Task The_default_technologies_declare_exactly_the_resources_of_the_plan()
    {
        await using var technologies = TechnologyCatalog.CreateDefault();

        Assert.Equal(["streams", "topics"], technologies.DeclaredKinds.Select(k => k.Verb));
        Assert.Equal("streams", Assert.IsAssignableFrom<IDeclaredResources>(technologies.Find("nats")).Kind.Verb);
        Assert.Equal("topics", Assert.IsAssignableFrom<IDeclaredResources>(technologies.Find("pulsar")).Kind.Verb);
        Assert.False(technologies.Find("redis") is IDeclaredResources);
        Assert.Equal("streams.yaml", Assert.IsAssignableFrom<IDeclaredResources>(technologies.Find("nats")).Kind.FileName);
        Assert.Equal("topics.yaml", Assert.IsAssignableFrom<IDeclaredResources>(technologies.Find("pulsar")).Kind.FileName);
    }

    public void Dispose() => _root.Dispose();

    /// <summary>The service with its own directory services/<paramref name="dir"/>/ holding a things.yaml.</summary>
    private ServiceDefinition Own(ServiceDefinition service, string dir)
    {
        var directory = Path.Combine(_root.Path, "services", dir);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "things.yaml"), "things: []\n");
        return service with { Directory = directory, File = $"services/{dir}/service.yaml" };
    }

    private ServiceRegistry Registry(params ServiceDefinition[] services) => new(_root.Path, services, []);

    /// <summary>A technology under another name that declares resources: dispatch must find it by capability.</summary>
    private sealed class StreamingTechnology : ITechnology, IDeclaredResources
    {
        public List<string> Calls { get; } = [];

        public string Tech => "streaming-fake";

        public DeclaredKind Kind { get; } = new("things", "things.yaml", "things")
        {
            Description = "things",
            ListDescription = "list things",
            ApplyDescription = "apply things",
            JsonKey = "things",
            Headings = ["THING"],
        };

        public ClientConnection Connection => throw new NotSupportedException();

        public Task<IReadOnlyList<ListedResource>> ListAsync(ServiceDefinition service, DeclaredFile file, CancellationToken cancellationToken)
        {
            Calls.Add($"list {service.Codename} {file.Path} {file.DisplayPath}");
            return Task.FromResult<IReadOnlyList<ListedResource>>([new ListedResource([service.Codename], new JsonObject(), true)]);
        }

        public Task<IReadOnlyList<AppliedResource>> ApplyAsync(ServiceDefinition service, DeclaredFile file, CancellationToken cancellationToken)
        {
            Calls.Add($"apply {service.Codename} {file.Path} {file.DisplayPath}");
            return Task.FromResult<IReadOnlyList<AppliedResource>>([]);
        }

        public Task<ProbeResult> ProbeAsync(ServiceDefinition service, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ProbeResult> DeepProbeAsync(ServiceDefinition service, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ProvisionReport> ProvisionAsync(ServiceDefinition service, string root, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
