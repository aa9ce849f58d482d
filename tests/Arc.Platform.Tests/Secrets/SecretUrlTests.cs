using Arc.Platform.Secrets;
using Arc.Platform.Technologies;
using Arc.Platform.Technologies.Nats;
using Arc.Platform.Technologies.Redis;

namespace Arc.Platform.Tests.Secrets;

public sealed class SecretUrlTests
{
    [Fact]
    public void Credentials_are_percent_encoded_into_the_url_and_split_back_out()
    {
        var url = SecretUrl.With("nats://127.0.0.1:4222", new Credential("a@b", "p:w/%"));
        Assert.Equal("nats://a%40b:p%3Aw%2F%25@127.0.0.1:4222", url);
        Assert.Equal(("nats://127.0.0.1:4222", new Credential("a@b", "p:w/%")), SecretUrl.Split(url));
        Assert.Equal("127.0.0.1", new Uri(url).Host);
    }

    [Fact]
    public void Redact_leaves_nothing_of_the_user_information_and_keeps_the_path()
    {
        Assert.Equal("redis://127.0.0.1:6379/0", SecretUrl.Redact("redis://default:secret@127.0.0.1:6379/0"));
        Assert.Equal("http://127.0.0.1:8222/healthz", SecretUrl.Redact("http://127.0.0.1:8222/healthz"));
        Assert.Equal("nats://127.0.0.1:4222", SecretUrl.With("nats://127.0.0.1:4222", null));
    }

    [Fact]
    public void Server_files_hold_hashes_for_redis_and_no_default_user_for_nats()
    {
        var credentials = new ServiceCredentials("sonic", [new Credential("default", "clientpw"), new Credential("exporter", "exporterpw")]);
        var acl = RedisAuthorization.AclFile(credentials);
        Assert.DoesNotContain("clientpw", acl);
        Assert.DoesNotContain("exporterpw", acl);
        Assert.DoesNotContain("nopass", acl);
        Assert.Contains("-@all", acl.Split('\n')[1]);
        var nats = NatsAuthorization.Block(new ServiceCredentials("flash", [new Credential("arc", "natspw")]));
        Assert.Contains("{user: \"arc\", password: \"natspw\"}", nats);
        Assert.DoesNotContain("no_auth_user", nats);
    }

    [Fact]
    public void Each_technology_with_users_registers_its_server_authorization_file_and_pulsar_none()
    {
        var catalog = TechnologyCatalog.CreateDefault();
        var credentials = new ServiceCredentials("x", [new Credential("default", "clientpw"), new Credential("exporter", "exporterpw")]);
        Assert.Equal(RedisAuthorization.AclFile(credentials), Assert.IsAssignableFrom<IServerAuthorization>(catalog.Find("redis")).AuthorizationFile(credentials));
        Assert.Equal(NatsAuthorization.Block(credentials), Assert.IsAssignableFrom<IServerAuthorization>(catalog.Find("nats")).AuthorizationFile(credentials));
        // Every technology that generates users has a file to give them to its server; one without users needs none.
        foreach (var name in catalog.Names)
            Assert.Equal(catalog.Find(name)!.Connection.Users.Count > 0, catalog.Find(name) is IServerAuthorization);
    }
}
