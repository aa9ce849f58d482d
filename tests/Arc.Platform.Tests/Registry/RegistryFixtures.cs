
namespace Arc.Platform.Tests.Registry;

/// <summary>Small synthetic repositories for registry rules that the real files never exercise (dependencies, cycles).</summary>
internal static class RegistryFixtures
{
    public static string Service(string codename, int port, params string[] dependsOn) => $"""
        name: arc-{codename}
        codename: {codename}
        role: role-{codename}
        tech: nats
        description: test service {codename}
        image: example/{codename}
        upstream: https://example.invalid/{codename}
        ports:
          client: {port}
        health: http://localhost:{port}/healthz
        depends_on: [{string.Join(", ", dependsOn)}]
        """;

    public static TempRepo Repo(params (string Codename, int Port, string[] DependsOn)[] services)
    {
        var repo = TempRepo.Empty();
        foreach (var (codename, port, dependsOn) in services)
            repo.Write($"services/{codename}/service.yaml", Service(codename, port, dependsOn));
        repo.Write("services/profiles.yaml", $"""
            all:
              services: [{string.Join(", ", services.Select(s => s.Codename))}]
            """);
        return repo;
    }
}
