using Arc.Platform.Consumers;
using Arc.Platform.Technologies.Nats;
using Arc.Platform.Technologies.Pulsar;

namespace Arc.Platform.Tests.Technologies.Nats;

/// <summary>
/// Subjects and Pulsar names are checked where they are declared: the strict loaders of streams.yaml,
/// consumers.yaml and topics.yaml refuse what the servers would refuse at `up`, as file:line:col (exit 2).
/// </summary>
[Trait("Tier", "unit")]
public sealed class DeclaredNamesTests
{
    [Theory]
    [InlineData("\"foo bar\"", "whitespace")]
    [InlineData("\"foo.>.bar\"", "'>' matches the rest")]
    [InlineData("\"foo..bar\"", "empty token")]
    [InlineData("\".foo\"", "empty token")]
    [InlineData("\"foo.\"", "empty token")]
    [InlineData("\"foo\\tbar\"", "a tab")]
    [InlineData("\"$JS.API.>\"", "under $JS")]
    [InlineData("\"$SYS.ACCOUNT.>\"", "under $SYS")]
    [InlineData("\"foo.b*r\"", "whole tokens")]
    [InlineData("\"foo.>>\"", "whole tokens")]
    [InlineData("\"foo\\nbar\"", "control character")]
    public void A_stream_subject_the_server_refuses_is_a_located_parse_error(string subject, string reason)
    {
        var yaml = $"streams:\n  - name: A\n    subjects:\n      - a.ok\n      - {subject}\n";

        var error = Assert.Throws<ConfigException>(() => StreamsFile.Parse(yaml));

        Assert.Equal((StreamsFile.RelativePath, 5, 9), (error.File, error.Line, error.Column));
        Assert.Contains(reason, error.Reason);
        Assert.DoesNotContain('\n', error.Reason);
        Assert.DoesNotContain('\t', error.Reason);
    }

    [Theory]
    [InlineData("foo")]
    [InlineData("foo.*.bar")]
    [InlineData("foo.>")]
    [InlineData(">")]
    [InlineData("*")]
    [InlineData("agent.*.event")]
    [InlineData("$KV.bucket.>")]
    [InlineData("JS.API")]
    public void A_valid_subject_passes(string subject) => Assert.Null(NatsSubject.Problem(subject));

    [Fact]
    public void A_consumer_stream_subject_and_a_plain_nats_subject_are_checked_too()
    {
        const string stream = "consumers:\n  c:\n    source: s\n    streams:\n      - name: S\n        subjects: [\"a b\"]\n        retention: limits\n        max_age: 1h\n";
        const string nats = "consumers:\n  c:\n    source: s\n    nats:\n      subjects: [ok, \"x.>.y\"]\n";

        var streamError = Assert.Throws<ConfigException>(() => ConsumersFile.Parse(stream, TechnologyFacts.Catalog.ConsumerSections));
        var natsError = Assert.Throws<ConfigException>(() => ConsumersFile.Parse(nats, TechnologyFacts.Catalog.ConsumerSections));

        Assert.Equal((6, 20), (streamError.Line, streamError.Column));
        Assert.Equal((5, 22), (natsError.Line, natsError.Column));
    }

    [Theory]
    [InlineData("tenants: [\"arc system\"]", "tenant name 'arc system'")]
    [InlineData("namespaces: [\"arc/de fault\"]", "namespace name 'de fault'")]
    [InlineData("namespaces: [arc]", "must be written tenant/namespace")]
    [InlineData("partitioned_topics: [{topic: \"persistent://arc/default/a b\", partitions: 1}]", "topic name 'a b'")]
    [InlineData("partitioned_topics: [{topic: \"persistent://arc//a\", partitions: 1}]", "namespace name ''")]
    public void A_consumer_pulsar_name_pulsar_refuses_is_a_located_parse_error(string line, string reason)
    {
        var yaml = $"consumers:\n  c:\n    source: s\n    pulsar:\n      {line}\n";

        var error = Assert.Throws<ConfigException>(() => ConsumersFile.Parse(yaml, TechnologyFacts.Catalog.ConsumerSections));

        Assert.Equal(5, error.Line);
        Assert.Contains(reason, error.Reason);
    }

    [Fact]
    public void Topics_file_names_use_the_same_rule()
    {
        var error = Assert.Throws<ConfigException>(() => TopicsFile.Parse("tenants:\n  - name: \"a/b\"\n    allowed_clusters: [standalone]\n"));

        Assert.Equal(2, error.Line);
        Assert.Equal(PulsarName.Problem("a/b", "tenant name"), error.Reason);
    }
}
