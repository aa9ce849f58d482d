using Arc.Platform.Drivers;
using Arc.Platform.Secrets;

namespace Arc.Platform.Tests.Secrets;

/// <summary>The store's rules, each made to fire: owner-only, no links, all or nothing, insecure marks.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SecretStoreTests
{
    private static readonly string[] Users = ["default", "exporter"];

    [Fact]
    public void Ensure_generates_distinct_passwords_once_and_load_reads_them_back()
    {
        using var root = new TempDirectory();
        var store = SecretStore.Under(root.Path);
        Assert.Null(store.Load("sonic", Users));
        var first = store.Ensure("sonic", Users);
        Assert.Equal(Users, first.Users.Select(u => u.User));
        Assert.NotEqual(first.Users[0].Password, first.Users[1].Password);
        Assert.Equal(first, store.Ensure("sonic", Users) with { Users = first.Users });
        Assert.Equal(first.Users, store.Load("sonic", Users)!.Users);
        Assert.DoesNotContain(first.Client.Password, first.ToString());
        Assert.DoesNotContain(first.Client.Password, first.Client.ToString());
    }

    [Fact]
    public void Rotate_replaces_every_password_and_delete_removes_only_that_service()
    {
        using var root = new TempDirectory();
        var store = SecretStore.Under(root.Path);
        var before = store.Ensure("sonic", Users);
        store.Ensure("flash", ["arc"]);
        var after = store.Rotate("sonic", Users);
        Assert.All(before.Users.Zip(after.Users), p => Assert.NotEqual(p.First.Password, p.Second.Password));
        store.Delete("sonic");
        Assert.Null(store.Load("sonic", Users));
        Assert.NotNull(store.Load("flash", ["arc"]));
    }

    [Fact]
    public void A_missing_user_file_means_no_credentials_not_half_of_them()
    {
        using var root = new TempDirectory();
        var store = SecretStore.Under(root.Path);
        store.Ensure("sonic", Users);
        File.Delete(store.FileOf("sonic", "exporter"));
        Assert.Null(store.Load("sonic", Users));
    }

    [Fact]
    public void Insecure_hides_the_credentials_until_ensure_lifts_it()
    {
        using var root = new TempDirectory();
        var store = SecretStore.Under(root.Path);
        store.Ensure("sonic", Users);
        store.MarkInsecure("sonic");
        Assert.True(store.IsInsecure("sonic"));
        Assert.Null(store.Load("sonic", Users));
        store.Ensure("sonic", Users);
        Assert.False(store.IsInsecure("sonic"));
        Assert.NotNull(store.Load("sonic", Users));
    }

    [Fact]
    public void A_password_file_that_is_a_link_is_refused()
    {
        using var root = new TempDirectory();
        var store = SecretStore.Under(root.Path);
        store.Ensure("flash", ["arc"]);
        var elsewhere = Path.Combine(root.Path, "elsewhere");
        File.WriteAllText(elsewhere, "planted");
        File.Delete(store.FileOf("flash", "arc"));
        File.CreateSymbolicLink(store.FileOf("flash", "arc"), elsewhere);
        Assert.Contains("symbolic link", Assert.Throws<DriverException>(() => store.Load("flash", ["arc"])).Message);
        Assert.Contains("symbolic link", Assert.Throws<DriverException>(() => store.Rotate("flash", ["arc"])).Message);
        Assert.Equal("planted", File.ReadAllText(elsewhere));
    }

    [Fact]
    public void A_secrets_directory_that_is_a_link_is_refused()
    {
        using var root = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(root.Path, ".arc"));
        var target = root.Sub("target");
        Directory.CreateSymbolicLink(SecretStore.DirectoryOf(root.Path), target);
        Assert.Contains("symbolic link", Assert.Throws<DriverException>(() => SecretStore.Under(root.Path).Ensure("flash", ["arc"])).Message);
        Assert.Empty(Directory.GetFiles(target));
    }

    [Fact]
    public void A_password_file_readable_by_others_is_refused_with_the_chmod_that_fixes_it()
    {
        using var root = new TempDirectory();
        var store = SecretStore.Under(root.Path);
        store.Ensure("flash", ["arc"]);
        File.SetUnixFileMode(store.FileOf("flash", "arc"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        Assert.Contains("chmod 600", Assert.Throws<DriverException>(() => store.Load("flash", ["arc"])).Message);
    }

    [Fact]
    public void A_secrets_directory_open_to_others_is_refused_on_load_and_closed_again_by_ensure()
    {
        using var root = new TempDirectory();
        var store = SecretStore.Under(root.Path);
        store.Ensure("flash", ["arc"]);
        File.SetUnixFileMode(store.Directory, (UnixFileMode)0x1ED);   // 0755
        Assert.Contains("chmod 700", Assert.Throws<DriverException>(() => store.Load("flash", ["arc"])).Message);
        File.SetUnixFileMode(store.Directory, (UnixFileMode)0x1C0);
        Assert.NotNull(store.Load("flash", ["arc"]));
    }
}
