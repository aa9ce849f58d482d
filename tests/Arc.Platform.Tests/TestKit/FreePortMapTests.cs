using Arc.Platform.Registry;

namespace Arc.Platform.Tests.TestKit;

/// <summary>The kit's hermetic copy: no fixed host port survives, and service.yaml and the compose files still agree.</summary>
[Trait("Tier", "unit")]
public sealed class FreePortMapTests
{
    [Fact]
    public void A_rewritten_copy_publishes_only_free_ports_and_verify_still_passes_its_port_rules()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        var original = ServiceRegistry.Load(repo.Root).Services.SelectMany(s => s.Ports.Select(p => (s.Codename, p.Name, p.Host, p.Container))).ToList();
        var fixedPorts = original.Select(p => p.Host).ToHashSet();
        var map = new FreePortMap();

        map.RewriteServiceFiles(repo.Root, moveMetrics: false);
        map.RewriteComposeFiles(repo.Root);

        var registry = ServiceRegistry.Load(repo.Root);
        foreach (var (codename, name, host, container) in original)
        {
            var port = registry.Service(codename).Port(name);
            Assert.DoesNotContain(port.Host, fixedPorts);
            Assert.Equal((map.Moved[host], container), (port.Host, port.Container));
        }
        foreach (var compose in Directory.GetFiles(Path.Combine(repo.Root, "services"), "docker-compose.yml", SearchOption.AllDirectories))
            foreach (var moved in map.Moved)
                Assert.DoesNotContain($"\"127.0.0.1:{moved.Key}:", File.ReadAllText(compose));
        var violations = Arc.Platform.Verify.Verifier.Run(repo.Root, TechnologyFacts.Catalog).Violations;
        Assert.DoesNotContain(violations, v => v.Rule == "ports-match-service-yaml");
    }

    [Fact]
    public void The_health_line_moves_with_the_port_it_names()
    {
        var map = new FreePortMap();

        var yaml = map.ServiceYaml("ports:\n  client: 6379\nhealth: redis-cli -p 6379 ping\n", moveMetrics: false);

        Assert.Contains($"client: {{host: {map.For(6379)}, container: 6379}}", yaml);
        Assert.Contains($"health: redis-cli -p {map.For(6379)} ping", yaml);
    }
}
