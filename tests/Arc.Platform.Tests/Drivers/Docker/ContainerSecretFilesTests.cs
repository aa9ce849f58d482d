using System.Diagnostics;
using Arc.Platform.Compose;
using Arc.Platform.Drivers;
using Arc.Platform.Drivers.Docker;
using Arc.Platform.Drivers.Native;
using Arc.Platform.Registry;
using Arc.Platform.Secrets;
using Arc.Platform.Technologies;
using Arc.Platform.Technologies.Nats;
using Arc.Platform.Technologies.Redis;

namespace Arc.Platform.Tests.Drivers.Docker;

/// <summary>
/// The files the docker driver writes for compose to mount as secrets (issue 17 §4), from the real compose
/// files: derived from the same generators as the native driver's, handed to the container's uid, 0400 inside
/// owner-only directories, the open variant after --insecure, and every refusal made to fire.
/// </summary>
[Trait("Tier", "unit")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ContainerSecretFilesTests
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private static readonly bool Root = Environment.IsPrivilegedProcess;

    [Fact]
    public void Flash_gets_its_jetstream_conf_with_the_generated_users_given_to_the_nats_uid()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        var flash = Service(repo, "flash");
        var credentials = SecretStore.Under(repo.Root).Ensure("flash", ["arc"]);

        var written = Write(flash, new NatsTechnology());

        Assert.Equal(["flash.server.conf"], written);
        var file = Copies(repo).FileOf("flash.server.conf");
        Assert.Equal(File.ReadAllText(repo.PathOf("services/messaging/jetstream.conf")) + Arc.Platform.Technologies.Nats.NatsAuthorization.Block(credentials), File.ReadAllText(file));
        Assert.Contains(credentials.Client.Password, File.ReadAllText(file));
        AssertReadableOnlyBy(file, 1000);
        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(Copies(repo).Directory));
    }

    [Fact]
    public async Task Sonic_gets_its_acl_file_its_health_check_password_and_the_exporters_password_file_each_for_its_reader()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        var sonic = Service(repo, "sonic");
        var credentials = SecretStore.Under(repo.Root).Ensure("sonic", ["default", "exporter"]);
        await using var redis = new RedisTechnology();

        var written = ContainerSecretFiles.Write(sonic, Compose(sonic), redis);

        Assert.Equal(["sonic.acl", "sonic.default", "sonic.exporter.json"], written.Order(StringComparer.Ordinal));
        var copies = Copies(repo);
        Assert.Equal(Arc.Platform.Technologies.Redis.RedisAuthorization.AclFile(credentials), File.ReadAllText(copies.FileOf("sonic.acl")));
        Assert.DoesNotContain(credentials.Client.Password, File.ReadAllText(copies.FileOf("sonic.acl")));
        Assert.Equal(credentials.Client.Password, File.ReadAllText(copies.FileOf("sonic.default")));
        Assert.Equal($"{{\"redis://arc-cache:6379\": \"{credentials.Users[1].Password}\"}}\n", File.ReadAllText(copies.FileOf("sonic.exporter.json")));
        // The uids come from the files docker reads: the Dockerfile's USER 999:1000, the exporter's user: 59000:59000.
        AssertReadableOnlyBy(copies.FileOf("sonic.acl"), 999);
        AssertReadableOnlyBy(copies.FileOf("sonic.default"), 999);
        AssertReadableOnlyBy(copies.FileOf("sonic.exporter.json"), 59000);
    }

    [Fact]
    public async Task After_up_insecure_the_files_let_anyone_in_and_hold_no_password()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        var store = SecretStore.Under(repo.Root);
        var generated = store.Ensure("sonic", ["default", "exporter"]);
        store.Ensure("flash", ["arc"]);
        store.MarkInsecure("sonic");
        store.MarkInsecure("flash");
        await using var redis = new RedisTechnology();

        ContainerSecretFiles.Write(Service(repo, "sonic"), Compose(Service(repo, "sonic")), redis);
        Write(Service(repo, "flash"), new NatsTechnology());

        var copies = Copies(repo);
        Assert.Equal(Arc.Platform.Technologies.Redis.RedisAuthorization.OpenAclFile(["default", "exporter"]), File.ReadAllText(copies.FileOf("sonic.acl")));
        Assert.StartsWith("user default on nopass ~* &* +@all\n", File.ReadAllText(copies.FileOf("sonic.acl")));
        Assert.Equal("", File.ReadAllText(copies.FileOf("sonic.default")));
        Assert.DoesNotContain(generated.Users[1].Password, File.ReadAllText(copies.FileOf("sonic.exporter.json")));
        Assert.Equal(File.ReadAllText(repo.PathOf("services/messaging/jetstream.conf")), File.ReadAllText(copies.FileOf("flash.server.conf")));
    }

    [Fact]
    public void Without_generated_credentials_and_not_insecure_nothing_starts_open()
    {
        using var repo = TempRepo.CopyOfRealRepo();

        var error = Assert.Throws<DriverException>(() => Write(Service(repo, "flash"), new NatsTechnology()));

        Assert.Contains("no credentials", error.Message);
        Assert.Contains("`arc up` generates them", error.Message);
        Assert.False(File.Exists(Copies(repo).FileOf("flash.server.conf")));
    }

    [Fact]
    public void A_secret_file_arc_does_not_generate_is_a_located_configuration_error_listing_what_it_does()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        repo.Replace("services/messaging/docker-compose.yml", "docker/flash.server.conf", "docker/flash.users.conf");
        SecretStore.Under(repo.Root).Ensure("flash", ["arc"]);

        var error = Assert.Throws<ConfigException>(() => Write(Service(repo, "flash"), new NatsTechnology()));

        Assert.Equal("services/messaging/docker-compose.yml", error.File);
        Assert.Contains("flash.users.conf, which arc does not generate", error.Message);
        Assert.Contains("flash.arc, flash.server.conf", error.Message);
    }

    [Fact]
    public async Task A_container_whose_uid_no_file_states_cannot_be_handed_a_secret()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        repo.Replace("services/cache/docker-compose.yml", "    user: \"59000:59000\"\n", "");
        SecretStore.Under(repo.Root).Ensure("sonic", ["default", "exporter"]);
        await using var redis = new RedisTechnology();

        var error = Assert.Throws<ConfigException>(() => ContainerSecretFiles.Write(Service(repo, "sonic"), Compose(Service(repo, "sonic")), redis));

        Assert.Contains("service 'arc-cache-exporter' mounts secret 'arc-cache-exporter-password' but names no user", error.Message);
    }

    [Fact]
    public async Task A_user_named_by_name_is_refused_with_the_dockerfile_line_that_names_it()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        repo.Replace("services/cache/Dockerfile", "USER 999:1000", "USER redis");
        SecretStore.Under(repo.Root).Ensure("sonic", ["default", "exporter"]);
        await using var redis = new RedisTechnology();

        var error = Assert.Throws<ConfigException>(() => ContainerSecretFiles.Write(Service(repo, "sonic"), Compose(Service(repo, "sonic")), redis));

        Assert.Contains("runs as 'redis' (services/cache/Dockerfile:", error.Message);
        Assert.Contains("name it by uid", error.Message);
    }

    [Fact]
    public async Task One_secret_mounted_by_containers_of_two_uids_is_refused()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        repo.Replace("services/cache/docker-compose.yml", "    secrets:\n      - arc-cache-exporter-password\n", "    secrets:\n      - arc-cache-exporter-password\n      - arc-cache-password\n");
        SecretStore.Under(repo.Root).Ensure("sonic", ["default", "exporter"]);
        await using var redis = new RedisTechnology();

        var error = Assert.Throws<ConfigException>(() => ContainerSecretFiles.Write(Service(repo, "sonic"), Compose(Service(repo, "sonic")), redis));

        Assert.Contains("secret 'arc-cache-password' is mounted by containers of uid 999 and 59000", error.Message);
    }

    [Fact]
    public void A_copy_that_is_a_link_is_refused_and_its_target_left_alone()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        SecretStore.Under(repo.Root).Ensure("flash", ["arc"]);
        Write(Service(repo, "flash"), new NatsTechnology());
        var copy = Copies(repo).FileOf("flash.server.conf");
        var elsewhere = repo.PathOf("elsewhere");
        File.WriteAllText(elsewhere, "planted");
        File.Delete(copy);
        File.CreateSymbolicLink(copy, elsewhere);

        var error = Assert.Throws<DriverException>(() => Write(Service(repo, "flash"), new NatsTechnology()));

        Assert.Contains("symbolic link", error.Message);
        Assert.Equal("planted", File.ReadAllText(elsewhere));
    }

    [Fact]
    public void A_copies_directory_open_to_others_is_refused()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        SecretStore.Under(repo.Root).Ensure("flash", ["arc"]);
        Write(Service(repo, "flash"), new NatsTechnology());
        File.SetUnixFileMode(Copies(repo).Directory, OwnerOnlyDirectory | UnixFileMode.OtherExecute);

        var error = Assert.Throws<DriverException>(() => Write(Service(repo, "flash"), new NatsTechnology()));

        Assert.Contains("open to group or others", error.Message);
    }

    [Fact]
    public void Clean_deletes_the_services_copies_with_its_credentials_and_leaves_the_others()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        var store = SecretStore.Under(repo.Root);
        store.Ensure("flash", ["arc"]);
        var copies = Copies(repo);
        copies.Write("sonic.default", "x", null);
        Write(Service(repo, "flash"), new NatsTechnology());

        store.Delete("sonic");

        Assert.False(File.Exists(copies.FileOf("sonic.default")));
        Assert.True(File.Exists(copies.FileOf("flash.server.conf")));
    }

    [Fact]
    public void Not_root_the_copy_stays_ours_and_readable_behind_the_owner_only_directories()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        var copies = new ContainerCopies(SecretStore.Under(repo.Root), canChown: false);

        copies.Write("flash.server.conf", "x", new ContainerUser(1000, 1000));

        var facts = PosixFiles.Lstat(copies.FileOf("flash.server.conf"));
        Assert.Equal(PosixFiles.EffectiveUid, facts.Uid);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, facts.Mode);
        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(copies.Directory));
        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(SecretStore.Under(repo.Root).Directory));
    }

    [SkippableFact]
    public async Task No_other_host_user_reads_a_copy_not_even_the_uid_it_is_handed_to()
    {
        Skip.IfNot(Root, "needs root to run a command as another user (setpriv)");
        using var repo = TempRepo.CopyOfRealRepo();
        SecretStore.Under(repo.Root).Ensure("sonic", ["default", "exporter"]);
        await using var redis = new RedisTechnology();
        ContainerSecretFiles.Write(Service(repo, "sonic"), Compose(Service(repo, "sonic")), redis);

        foreach (var uid in new[] { "65534", "999" })
        {
            var cat = await KitProcess.RunAsync("setpriv", [$"--reuid={uid}", "--regid=65534", "--clear-groups", "cat", Copies(repo).FileOf("sonic.default")],
                new Dictionary<string, string>(), TimeSpan.FromSeconds(30));
            Assert.NotEqual(0, cat.ExitCode);
            Assert.Equal("", cat.Out);
        }
    }

    [Theory]
    [InlineData("1000", 1000u, null)]
    [InlineData("999:1000", 999u, 1000u)]
    [InlineData(" 59000:59000 ", 59000u, 59000u)]
    public void A_numeric_user_parses(string text, uint uid, uint? gid) =>
        Assert.Equal(new ContainerUser(uid, gid), ContainerUser.Parse(text));

    [Theory]
    [InlineData("redis")]
    [InlineData("999:redis")]
    [InlineData("1:2:3")]
    [InlineData("-1")]
    [InlineData("")]
    [InlineData(null)]
    public void A_user_by_name_or_malformed_does_not_parse(string? text) => Assert.Null(ContainerUser.Parse(text));

    private static void AssertReadableOnlyBy(string file, uint uid)
    {
        var facts = PosixFiles.Lstat(file);
        Assert.True(facts.IsRegular);
        Assert.Equal(Root ? uid : PosixFiles.EffectiveUid, facts.Uid);
        Assert.Equal(Root ? UnixFileMode.UserRead : UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, facts.Mode);
    }

    private static IReadOnlyList<string> Write(ServiceDefinition service, ITechnology technology) =>
        ContainerSecretFiles.Write(service, Compose(service), technology);

    private static ServiceDefinition Service(TempRepo repo, string codename) => ServiceRegistry.Load(repo.Root).Service(codename);

    private static ComposeFile Compose(ServiceDefinition service) =>
        ComposeFile.Load(service.ComposeFile, $"services/{Path.GetFileName(service.Directory)}/docker-compose.yml");

    private static ContainerCopies Copies(TempRepo repo) => new(SecretStore.Under(repo.Root));
}
