using Arc.Platform.Consumers;
using Arc.Platform.Technologies;
using Arc.Platform.Technologies.Nats;
using Arc.Platform.Technologies.Pulsar;
using Arc.Platform.Technologies.Redis;
using Arc.Platform.Verify;
using Arc.Platform.Verify.Rules;

namespace Arc.Platform.Tests.Verify.Rules;

/// <summary>
/// Core rules that learn what a technology knows from what it registers: names-well-formed reads each service's
/// own declared file, consumers.yaml's sections are read by the technologies that own them, profile-think-members
/// holds think to the transport profile, and the NATS flags the launch and the rules share.
/// </summary>
[Trait("Tier", "unit")]
public sealed class TechnologyRegisteredRuleTests
{
    private static NamesWellFormed Names => new([.. TechnologyFacts.Catalog.Names.Select(TechnologyFacts.Catalog.Find).OfType<INameRules>()]);

    [Fact]
    public void A_bad_subject_in_a_second_nats_services_own_streams_file_is_found_there()
    {
        using var repo = new RepoCopy();
        AddRelay(repo, "streams:\n  - name: RELAY_EVENTS\n    subjects: [\"relay. bad\"]\n");

        var violation = Assert.Single(Names.Check(new RepoSnapshot(repo.Root, TechnologyFacts.Catalog)));

        Assert.Equal(("services/relay/streams.yaml", 3), (violation.File, violation.Line));
    }

    [Fact]
    public void Names_well_formed_describes_what_each_technology_checks_and_without_technologies_checks_nothing()
    {
        Assert.Equal("NATS subjects (streams.yaml, consumers.yaml) and Pulsar tenant, namespace and topic names (topics.yaml, consumers.yaml) are ones the servers accept",
            Names.Description);
        using var repo = new RepoCopy();
        AddRelay(repo, "streams:\n  - name: RELAY_EVENTS\n    subjects: [\"relay. bad\"]\n");

        Assert.Empty(new NamesWellFormed([]).Check(new RepoSnapshot(repo.Root, TechnologyFacts.Catalog)));
    }

    [Fact]
    public void A_consumer_section_no_registered_technology_reads_is_an_unknown_key()
    {
        var yaml = "consumers:\n  app:\n    source: x\n    pulsar:\n      tenants: [arc]\n";
        var natsOnly = new TechnologyCatalog([new NatsTechnology()]);

        var error = Assert.Throws<ConfigException>(() => ConsumersFile.Parse(yaml, natsOnly.ConsumerSections));

        Assert.Equal((4, "unknown key 'pulsar'"), (error.Line, error.Reason));
        var consumer = Assert.Single(ConsumersFile.Parse(yaml, TechnologyFacts.Catalog.ConsumerSections));
        Assert.Equal(["arc"], consumer.Pulsar!.Tenants);
        Assert.Empty(consumer.Streams);
        Assert.Null(consumer.Redis);
    }

    [Fact]
    public void A_stream_a_consumer_declares_twice_is_refused_at_the_second()
    {
        var yaml = "consumers:\n  app:\n    source: x\n    streams:\n      - {name: S, subjects: [a], retention: limits, max_age: 1h}\n      - {name: S, subjects: [b], retention: limits, max_age: 1h}\n";

        var error = Assert.Throws<ConfigException>(() => ConsumersFile.Parse(yaml, TechnologyFacts.Catalog.ConsumerSections));

        Assert.Equal((6, "app declares stream 'S' twice"), (error.Line, error.Reason));
    }

    [Fact]
    public void Without_a_transport_profile_think_has_no_plan_to_be_held_to_and_verify_says_so()
    {
        using var repo = new RepoCopy();
        repo.Edit("services/profiles.yaml", "transport:\n", "layer:\n");

        var violation = Assert.Single(new ProfileThinkMembers().Check(new RepoSnapshot(repo.Root, TechnologyFacts.Catalog)));

        Assert.Equal(("services/profiles.yaml", 1), (violation.File, violation.Line));
        Assert.Contains("no profile 'transport'", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Think_is_held_to_whatever_transport_holds()
    {
        using var repo = new RepoCopy();
        repo.Edit("services/profiles.yaml", "    - flash\n    - strange\n    - sonic\n\n# ─── think", "    - flash\n    - strange\n\n# ─── think");
        repo.Edit("services/profiles.yaml", "    - cortex\n    - flash\n    - strange\n    - sonic\n\n# ─── reason", "    - cortex\n    - flash\n    - strange\n\n# ─── reason");

        Assert.Empty(new ProfileThinkMembers().Check(new RepoSnapshot(repo.Root, TechnologyFacts.Catalog)));
    }

    [Theory]
    [InlineData("\"--http_port\", \"8223\"")]
    [InlineData("\"-m\", \"8223\"")]
    public void The_nats_rule_reads_a_port_flag_in_either_spelling_the_launch_rewrites(string monitor)
    {
        using var repo = new RepoCopy();
        var compose = repo.Read("services/messaging/docker-compose.yml");
        var written = System.Text.RegularExpressions.Regex.Match(compose, "\"(-m|--http_port)\", \"8222\"").Value;
        Assert.NotEmpty(written);
        repo.Write("services/messaging/docker-compose.yml", compose.Replace(written, monitor));

        var violation = Assert.Single(new Arc.Platform.Technologies.Nats.Rules.NatsJetStreamFlags().Check(new RepoSnapshot(repo.Root, TechnologyFacts.Catalog)));

        Assert.Contains("-m 8223 disagrees with monitor container port 8222", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Redis_registers_its_password_taking_tools_and_no_other_technology_does()
    {
        var tools = TechnologyFacts.Catalog.Names.Select(TechnologyFacts.Catalog.Find).OfType<IPasswordTools>().ToList();

        var redis = Assert.IsType<RedisTechnology>(Assert.Single(tools));
        Assert.Equal(["redis-cli", "redis-benchmark"], redis.DashAPasswordTools);
    }

    private static void AddRelay(RepoCopy repo, string streams)
    {
        repo.Write("services/relay/service.yaml", repo.Read("services/messaging/service.yaml")
            .Replace("name: arc-messaging", "name: arc-relay").Replace("codename: flash", "codename: relay").Replace("role: messaging", "role: relay")
            .Replace("4222", "4322").Replace("8222", "8322").Replace("7777", "7877"));
        repo.Write("services/relay/streams.yaml", streams);
    }
}
