using Arc.Platform.Technologies;
using Arc.Platform.Verify;
using Arc.Platform.Verify.Rules;

namespace Arc.Platform.Tests.Verify.Rules;

/// <summary>
/// listen-loopback-only checks the listen flags the technologies declare (<see cref="IListenFlags"/>), plus a few
/// words any server may use: a flag only a new technology knows is checked once it declares it, and not before.
/// </summary>
[Trait("Tier", "unit")]
public sealed class ListenFlagsDeclaredTests
{
    private const string KafkaListener = "\"--advertised.listeners\", \"PLAINTEXT://0.0.0.0:9092\", ";

    [Fact]
    public void A_listen_flag_is_checked_once_its_technology_declares_it_and_not_before()
    {
        using var repo = new RepoCopy();
        repo.Edit("services/cache/docker-compose.yml", "\"redis-server\", ", "\"redis-server\", " + KafkaListener);
        var snapshot = new RepoSnapshot(repo.Root, TechnologyFacts.Catalog);
        var kafka = new ListenFlags([], [], ["advertised.listeners"]);

        var undeclared = new ListenLoopbackOnly([]).Check(snapshot).ToList();
        var declared = new ListenLoopbackOnly([kafka]).Check(snapshot).ToList();

        Assert.Empty(undeclared);
        var violation = Assert.Single(declared);
        Assert.Equal("services/cache/docker-compose.yml", violation.File);
        Assert.Contains("listens on 'PLAINTEXT://0.0.0.0:9092' (--advertised.listeners)", violation.Message);
    }

    [Fact]
    public void The_technologies_declare_their_own_flags_and_the_rule_adds_only_words_any_server_uses()
    {
        var declared = ListenFlags.Union(TechnologyFacts.Catalog.Names.Select(TechnologyFacts.Catalog.Find).OfType<IListenFlags>().Select(t => t.Listen));

        Assert.Contains("addr", declared.Host);
        Assert.Contains("routes", declared.Url);
        Assert.Contains("bind", declared.SeveralHosts);
        Assert.Contains("web.listen-address", declared.HostPort);
        Assert.DoesNotContain(ListenLoopbackOnly.AnyServer.Host.Concat(ListenLoopbackOnly.AnyServer.HostPort), f => declared.Names(f));
    }
}
