using Arc.Platform.Compose;

namespace Arc.Platform.Tests.Compose;

/// <summary>Compose secrets as compose reads them: files resolved against the compose file, mounts in both forms, and the container's user.</summary>
[Trait("Tier", "unit")]
public sealed class ComposeSecretTests
{
    private const string Yaml = """
        services:
          a:
            image: x:1
            user: "10:20"
            secrets:
              - plain
              - source: mapped
                target: relative.conf
              - source: mapped
                target: /etc/x/absolute.conf
          b:
            build:
              context: ./ctx
              dockerfile: Custom.Dockerfile
          c:
            image: y:1
        secrets:
          plain:
            file: ../../.arc/secrets/docker/s.k
          mapped:
            content: inline
        """;

    [Fact]
    public void Files_resolve_against_the_compose_files_directory_and_mounts_land_where_compose_puts_them()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "services", "r", "docker-compose.yml");
        var compose = ComposeFile.Parse(Yaml, "services/r/docker-compose.yml");

        var secrets = ComposeSecret.Of(compose, path).ToDictionary(s => s.Name);

        Assert.Equal(Path.Combine(dir.Path, ".arc", "secrets", "docker", "s.k"), secrets["plain"].FullPath);
        Assert.Equal(["/run/secrets/plain"], secrets["plain"].Mounts.Select(m => m.Target));
        Assert.Null(secrets["mapped"].FullPath);
        Assert.NotNull(secrets["mapped"].Content);
        Assert.Equal(["/run/secrets/relative.conf", "/etc/x/absolute.conf"], secrets["mapped"].Mounts.Select(m => m.Target));
        Assert.All(secrets.Values.SelectMany(s => s.Mounts), m => Assert.Equal("a", m.Service.Name));
    }

    [Fact]
    public void The_user_is_the_services_own_else_the_final_USER_of_the_dockerfile_it_builds_else_unknown()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "docker-compose.yml");
        Directory.CreateDirectory(Path.Combine(dir.Path, "ctx"));
        File.WriteAllText(Path.Combine(dir.Path, "ctx", "Custom.Dockerfile"), "FROM a:1 AS build\nUSER 5\nFROM b:2\nUSER 999:1000\n");
        var compose = ComposeFile.Parse(Yaml, "docker-compose.yml");

        Assert.Equal("10:20", ContainerUserOf.Find(compose.Service("a")!, path)?.Text);
        Assert.Equal(("999:1000", "ctx/Custom.Dockerfile:4"), ContainerUserOf.Find(compose.Service("b")!, path));
        Assert.Null(ContainerUserOf.Find(compose.Service("c")!, path));
    }
}
