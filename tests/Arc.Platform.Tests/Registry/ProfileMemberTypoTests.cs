using Arc.Platform.Registry;

namespace Arc.Platform.Tests.Registry;

/// <summary>
/// A profile member no service here defines is the platform's (absent) only when services/platform.yaml
/// or a directory under services/ names it; anything else is a typo, refused at its line.
/// </summary>
[Trait("Tier", "unit")]
public sealed class ProfileMemberTypoTests
{
    [Fact]
    public void A_misspelt_member_is_an_error_naming_the_profiles_line_and_the_name()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        repo.Replace(ServiceRegistry.ProfilesFile, "think:\n  description: 'Minimal viable platform — just enough to think'\n  services:\n    - cortex\n    - flash\n",
            "think:\n  description: 'Minimal viable platform — just enough to think'\n  services:\n    - cortex\n    - flsh\n");
        var line = Array.IndexOf(repo.Read(ServiceRegistry.ProfilesFile).Split('\n'), "    - flsh") + 1;

        var error = Assert.Throws<ConfigException>(() => ServiceRegistry.Load(repo.Root));

        Assert.Equal(ServiceRegistry.ProfilesFile, error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains("profile 'think' lists 'flsh', which is no service here", error.Message);
    }

    [Fact]
    public void Members_the_platform_has_and_this_repository_does_not_stay_absent()
    {
        var registry = ServiceRegistry.Load(TempRepo.RealRoot);

        Assert.Equal(["cortex", "otel"], registry.AbsentMembers("reason"));
    }

    [Theory]
    [InlineData("vault")]
    [InlineData("friday-collector")]
    public void A_platform_service_listed_in_platform_yaml_is_absent_not_an_error(string member)
    {
        using var repo = TempRepo.CopyOfRealRepo();
        repo.Replace(ServiceRegistry.ProfilesFile, "    - otel\n", $"    - otel\n    - {member}\n");

        var registry = ServiceRegistry.Load(repo.Root);

        Assert.Contains(member, registry.AbsentMembers("reason"));
    }

    [Fact]
    public void A_directory_under_services_without_a_service_yaml_counts_as_the_platforms()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        repo.Write("services/platform.yaml", "services: [cortex]\n");

        var registry = ServiceRegistry.Load(repo.Root);

        Assert.Contains("otel", registry.AbsentMembers("reason"));
    }

    [Fact]
    public void Without_a_platform_yaml_any_unknown_member_is_absent_as_before()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        repo.Delete("services/platform.yaml");
        repo.Replace(ServiceRegistry.ProfilesFile, "    - otel\n", "    - otel\n    - flsh\n");

        var registry = ServiceRegistry.Load(repo.Root);

        Assert.Contains("flsh", registry.AbsentMembers("reason"));
    }

    [Fact]
    public void A_platform_yaml_with_an_unknown_key_is_refused()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        repo.Write("services/platform.yaml", "services: [cortex]\nservice: [otel]\n");

        var error = Assert.Throws<ConfigException>(() => ServiceRegistry.Load(repo.Root));

        Assert.Equal(PlatformServicesFile, error.File);
    }

    private const string PlatformServicesFile = "services/platform.yaml";
}
