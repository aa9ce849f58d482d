using Arc.Platform.Registry;
using Arc.Platform.Tests.Verify;
using Arc.Platform.Yaml;

namespace Arc.Platform.Tests.Registry;

/// <summary>The registry and verify read every file through the bounded reader: a hostile file is a located refusal, not a hang.</summary>
[Trait("Tier", "unit")]
public sealed class HostileRegistryFilesTests
{
    private const string CacheService = "services/cache/service.yaml";

    [Fact]
    public async Task A_fifo_as_service_yaml_is_a_located_configuration_error()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        repo.Delete(CacheService);
        HostileYaml.MakeFifo(repo.PathOf(CacheService));

        var error = await Task.Run(() => Assert.Throws<ConfigException>(() => ServiceRegistry.Load(repo.Root))).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal((CacheService, 1, 1), (error.File, error.Line, error.Column));
        Assert.Contains("FIFO", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_as_profiles_yaml_is_a_located_configuration_error()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        repo.Delete(ServiceRegistry.ProfilesFile);
        Directory.CreateDirectory(repo.PathOf(ServiceRegistry.ProfilesFile));

        var error = Assert.Throws<ConfigException>(() => ServiceRegistry.Load(repo.Root));

        Assert.Equal(ServiceRegistry.ProfilesFile, error.File);
        Assert.Contains("is a directory", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_bomb_in_service_yaml_is_a_located_configuration_error()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        repo.Write(CacheService, repo.Read(CacheService) + "x:\n" + string.Concat(HostileYaml.AliasBomb().Split('\n').Select(l => "  " + l + "\n")));

        var error = Assert.Throws<ConfigException>(() => ServiceRegistry.Load(repo.Root));

        Assert.Equal(CacheService, error.File);
        Assert.Contains("nodes", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("services/cache/docker-compose.yml")]
    [InlineData("services/messaging/Dockerfile")]
    [InlineData("Makefile")]
    public async Task A_fifo_where_verify_reads_a_file_is_a_violation_at_line_1(string file)
    {
        using var repo = new RepoCopy();
        repo.Delete(file);
        HostileYaml.MakeFifo(Path.Combine(repo.Root, file));

        var result = await Task.Run(repo.Verify).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Contains(result.Violations, v => v.File == file && v.Line == 1 && v.Message.Contains("FIFO", StringComparison.Ordinal));
    }

    [Fact]
    public void A_deeply_nested_compose_value_is_a_violation_not_a_crash()
    {
        using var repo = new RepoCopy();
        repo.Write("services/cache/docker-compose.yml", repo.Read("services/cache/docker-compose.yml") + HostileYaml.DeepFlow(60_000, "x-deep"));

        var result = repo.Verify();

        Assert.Contains(result.Violations, v => v.File == "services/cache/docker-compose.yml" && v.Message.Contains("nested more than", StringComparison.Ordinal));
    }
}
