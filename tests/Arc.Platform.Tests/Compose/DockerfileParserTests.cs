using Arc.Platform.Compose;

namespace Arc.Platform.Tests.Compose;

[Trait("Tier", "unit")]
public sealed class DockerfileParserTests
{
    private const string Text = """
        # syntax note
        ARG VERSION=2.10-alpine
        FROM golang:1.22 AS build
        USER root
        FROM nats:${VERSION}
        LABEL a=1 \
              b="two words" \
              # a comment inside a continuation
              c='three'
        LABEL legacy some value
        RUN mkdir -p /data \
         && chown 1000 /data
        USER 1000
        """;

    [Fact]
    public void Continuations_join_into_one_instruction_located_at_its_first_line()
    {
        var dockerfile = Dockerfile.Parse(Text);

        var run = Assert.Single(dockerfile.Instructions, i => i.Keyword == "RUN");
        Assert.Equal(11, run.Line);
        Assert.Contains("chown 1000 /data", run.Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_handle_quotes_continuations_and_the_legacy_form()
    {
        var dockerfile = Dockerfile.Parse(Text);

        Assert.Equal("1", dockerfile.Label("a")!.Value);
        Assert.Equal("two words", dockerfile.Label("b")!.Value);
        Assert.Equal("three", dockerfile.Label("c")!.Value);
        Assert.Equal(6, dockerfile.Label("c")!.Line);
        Assert.Equal("some value", dockerfile.Label("legacy")!.Value);
    }

    [Fact]
    public void The_final_stage_and_its_base_image_with_arg_defaults_substituted()
    {
        var dockerfile = Dockerfile.Parse(Text);

        Assert.Equal("nats:2.10-alpine", dockerfile.FinalBaseImage);
        Assert.Equal("1000", dockerfile.FinalStage.Last(i => i.Keyword == "USER").Arguments);
        Assert.DoesNotContain(dockerfile.FinalStage, i => i.Arguments == "root");
        Assert.Contains(dockerfile.Comments, c => c.Text == "a comment inside a continuation" && c.Line == 8);
    }
}
