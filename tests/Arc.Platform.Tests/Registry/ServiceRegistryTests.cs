using Arc.Platform.Registry;
using Arc.Platform.Yaml;

namespace Arc.Platform.Tests.Registry;

[Trait("Tier", "unit")]
public sealed class ServiceRegistryTests
{
    private const string Flash = "services/messaging/service.yaml";

    [Fact]
    public void RealRepositoryDeclaresTheThreeServicesOfThePlan()
    {
        var registry = ServiceRegistry.Load(TempRepo.RealRoot);

        Assert.Equal(["sonic", "flash", "strange"], registry.Services.Select(s => s.Codename));
        Assert.Equal(["flash", "strange", "sonic"], registry.ProfileMembers("think"));
        Assert.Equal(["cortex"], registry.AbsentMembers("think"));
        Assert.Equal(["cortex", "otel"], registry.AbsentMembers("reason"));
        Assert.Equal(["sonic", "flash", "strange"], registry.ProfileMembers("ultra-instinct"));
        var strange = registry.Service("strange");
        Assert.Equal(new PortBinding("admin", 8082, 8080), strange.Port("admin"));
        Assert.Equal(("admin", "/admin/v2/brokers/health"), (strange.Health.Port, strange.Health.Path));
        Assert.Equal("http://localhost:8082/admin/v2/brokers/health", strange.Health.Line);
        Assert.Equal(("client", null), (registry.Service("sonic").Health.Port, registry.Service("sonic").Health.Path));
    }

    [Fact]
    public void MissingRequiredKeyIsLocated()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        repo.Replace(Flash, "tech: nats\n", "");

        var error = Assert.Throws<ConfigException>(() => ServiceRegistry.Load(repo.Root));

        Assert.Equal(Flash, error.File);
        Assert.Contains("missing required key 'tech'", error.Message);
        Assert.StartsWith($"{Flash}:", error.Message);
    }

    [Fact]
    public void PortOfWrongTypeIsReportedAtItsLine()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        repo.Replace(Flash, "client: 4222", "client: \"4222\"");

        var error = Assert.Throws<ConfigException>(() => ServiceRegistry.Load(repo.Root));

        Assert.Equal(LineOf(repo, Flash, "client: \"4222\""), error.Line);
        Assert.Contains("must be an integer", error.Reason);
    }

    [Fact]
    public void OutOfRangePortIsRejected()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        repo.Replace(Flash, "client: 4222", "client: 70000");

        var error = Assert.Throws<ConfigException>(() => ServiceRegistry.Load(repo.Root));

        Assert.Contains("between 1 and 65535", error.Reason);
    }

    [Fact]
    public void UnknownKeyIsRejectedWhereItIsWritten()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        repo.Replace(Flash, "tech: nats\n", "tech: nats\ntechnology: nats\n");

        var error = Assert.Throws<ConfigException>(() => ServiceRegistry.Load(repo.Root));

        Assert.Equal(LineOf(repo, Flash, "technology: nats"), error.Line);
        Assert.Equal(1, error.Column);
        Assert.Contains("unknown key 'technology'", error.Reason);
    }

    [Fact]
    public void DuplicateKeyIsLocated()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        repo.Replace(Flash, "tech: nats\n", "tech: nats\ntech: redis\n");

        var error = Assert.Throws<ConfigException>(() => ServiceRegistry.Load(repo.Root));

        Assert.Equal(Flash, error.File);
        Assert.Contains("duplicate key tech", error.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(LineOf(repo, Flash, "tech: redis"), error.Line);
    }

    [Fact]
    public void MalformedYamlIsLocated()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        repo.Replace(Flash, "ports:\n  client: 4222", "ports:\n  client: [4222");

        var error = Assert.Throws<ConfigException>(() => ServiceRegistry.Load(repo.Root));

        Assert.Equal(Flash, error.File);
        Assert.Contains("malformed YAML", error.Reason);
        Assert.True(error.Line > 1);
    }

    [Fact]
    public void HostPortUsedTwiceNamesBothOwners()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        repo.Replace("services/cache/service.yaml", "client: 6379", "client: 4222");
        repo.Replace("services/cache/service.yaml", "-p 6379", "-p 4222");

        var error = Assert.Throws<ConfigException>(() => ServiceRegistry.Load(repo.Root));

        Assert.Contains("host port 4222", error.Reason);
        Assert.Contains("flash port 'client'", error.Reason);
        Assert.Contains("sonic port 'client'", error.Reason);
    }

    [Fact]
    public void DuplicateCodenameIsRejected()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        repo.Replace("services/cache/service.yaml", "codename: sonic", "codename: flash");

        var error = Assert.Throws<ConfigException>(() => ServiceRegistry.Load(repo.Root));

        Assert.Contains("'flash'", error.Reason);
        Assert.Contains("must be unique", error.Reason);
    }

    [Fact]
    public void ProfileNameClashingWithARoleIsRejected()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        repo.Replace(ServiceRegistry.ProfilesFile, "transport:", "cache:");

        var error = Assert.Throws<ConfigException>(() => ServiceRegistry.Load(repo.Root));

        Assert.Equal(ServiceRegistry.ProfilesFile, error.File);
        Assert.Contains("profile name 'cache'", error.Reason);
    }

    [Fact]
    public void AProfileMemberNotInThisRepositoryIsAbsentNotAnError()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        repo.Replace(ServiceRegistry.ProfilesFile, "    - sonic\n", "    - sonic\n    - gateway\n");

        var registry = ServiceRegistry.Load(repo.Root);
        var selection = registry.Resolve(["transport"]);

        Assert.Equal(["gateway"], registry.AbsentMembers("transport"));
        Assert.Equal(["gateway"], selection.Absent);
        Assert.Equal(["flash", "sonic", "strange"], selection.Services.Select(s => s.Codename).Order());
    }

    [Fact]
    public void ANamedTargetHasNoAbsentMembers()
    {
        var selection = ServiceRegistry.Load(TempRepo.RealRoot).Resolve(["flash"]);

        Assert.Empty(selection.Absent);
    }

    [Fact]
    public void ProfilesIncludingEachOtherAreACycle()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        repo.Replace(ServiceRegistry.ProfilesFile, "transport:\n", "transport:\n  include: [think]\n");
        repo.Replace(ServiceRegistry.ProfilesFile, "think:\n", "think:\n  include: [transport]\n");

        var error = Assert.Throws<ConfigException>(() => ServiceRegistry.Load(repo.Root));

        Assert.Contains("cycle", error.Reason);
        Assert.Contains("transport", error.Reason);
        Assert.Contains("think", error.Reason);
    }

    [Fact]
    public void MissingProfilesFileIsAConfigurationError()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        repo.Delete(ServiceRegistry.ProfilesFile);

        var error = Assert.Throws<ConfigException>(() => ServiceRegistry.Load(repo.Root));

        Assert.Equal(ServiceRegistry.ProfilesFile, error.File);
    }

    [Fact]
    public void UnknownDependencyNamesTheServiceAndTheMissingName()
    {
        using var repo = RegistryFixtures.Repo(("alpha", 5001, ["ghost"]));

        var error = Assert.Throws<ConfigException>(() => ServiceRegistry.Load(repo.Root));

        Assert.Equal("services/alpha/service.yaml", error.File);
        Assert.Contains("alpha depends on unknown service 'ghost'", error.Reason);
    }

    [Fact]
    public void DependencyCycleNamesEveryServiceInIt()
    {
        using var repo = RegistryFixtures.Repo(("alpha", 5001, ["beta"]), ("beta", 5002, ["gamma"]), ("gamma", 5003, ["alpha"]), ("delta", 5004, []));

        var error = Assert.Throws<ConfigException>(() => ServiceRegistry.Load(repo.Root));

        Assert.Contains("dependency cycle", error.Reason);
        foreach (var name in new[] { "alpha", "beta", "gamma" })
            Assert.Contains(name, error.Reason);
        Assert.DoesNotContain("delta", error.Reason);
    }

    [Fact]
    public void DependenciesComeInEarlierLayers()
    {
        using var repo = RegistryFixtures.Repo(("app", 5001, ["db", "bus"]), ("db", 5002, []), ("bus", 5003, ["db"]), ("solo", 5004, []));
        var registry = ServiceRegistry.Load(repo.Root);

        var selection = registry.Resolve(["app"]);

        Assert.Equal([["db"], ["bus"], ["app"]], selection.Layers.Select(l => l.Select(s => s.Codename).ToArray()));
        Assert.True(selection.IsExplicit(registry.Service("app")));
        Assert.False(selection.IsExplicit(registry.Service("db")));
    }

    [Fact]
    public void IndependentServicesShareALayer()
    {
        using var repo = RegistryFixtures.Repo(("app", 5001, ["db"]), ("db", 5002, []), ("solo", 5004, []));
        var registry = ServiceRegistry.Load(repo.Root);

        var selection = registry.Resolve(["all"]);

        Assert.Equal([["db", "solo"], ["app"]], selection.Layers.Select(l => l.Select(s => s.Codename).Order().ToArray()));
        Assert.All(selection.Services, s => Assert.False(selection.IsExplicit(s)));
    }

    [Theory]
    [InlineData("flash")]
    [InlineData("arc-messaging")]
    [InlineData("messaging")]
    public void ATargetMayBeACodenameAServiceNameOrARole(string target)
    {
        var registry = ServiceRegistry.Load(TempRepo.RealRoot);

        var selection = registry.Resolve([target]);

        var only = Assert.Single(selection.Services);
        Assert.Equal("flash", only.Codename);
        Assert.True(selection.IsExplicit(only));
    }

    [Fact]
    public void NoTargetMeansTheThinkProfile()
    {
        var registry = ServiceRegistry.Load(TempRepo.RealRoot);

        var selection = registry.Resolve([]);

        Assert.Equal(["flash", "sonic", "strange"], selection.Services.Select(s => s.Codename).Order());
        Assert.All(selection.Services, s => Assert.False(selection.IsExplicit(s)));
        Assert.Equal(["cortex"], selection.Absent);
    }

    [Fact]
    public void UnknownTargetListsTheValidOnes()
    {
        var registry = ServiceRegistry.Load(TempRepo.RealRoot);

        var error = Assert.Throws<UsageException>(() => registry.Resolve(["flahs"]));

        Assert.Contains("unknown target 'flahs'", error.Message);
        foreach (var valid in new[] { "flash", "arc-cache", "streaming", "think", "transport" })
            Assert.Contains(valid, error.Message);
    }

    private static int LineOf(TempRepo repo, string file, string text) =>
        Array.FindIndex(repo.Read(file).Split('\n'), l => l.Contains(text, StringComparison.Ordinal)) + 1;
}
