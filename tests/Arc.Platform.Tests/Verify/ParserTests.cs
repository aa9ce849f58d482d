using Arc.Platform.Compose;
using Arc.Platform.Verify.Files;
using Arc.Platform.Verify.Rules;

namespace Arc.Platform.Tests.Verify;

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

[Trait("Tier", "unit")]
public sealed class MakeFileParserTests
{
    private const string Text = "CODENAME := flash\n"
        + "include services/*.mk\n"
        + "-include $(wildcard services/*/*.mk)\n"
        + ".PHONY: $(CODENAME)-up \\\n  $(CODENAME)-down\n"
        + "## flash-up: start it\n"
        + "$(CODENAME)-up: dep ## inline comment\n"
        + "\t@echo up\n"
        + "\t$(ARC) up flash\n"
        + "flash-down:; echo down\n";

    [Fact]
    public void Targets_phony_help_lines_and_includes_are_read_with_variables_expanded()
    {
        var make = MakeFile.Parse(Text);

        var up = make.Target("flash-up")!;
        Assert.Equal(7, up.Line);
        Assert.Equal(["@echo up", "$(ARC) up flash"], up.Recipe);
        Assert.Equal(["echo down"], make.Target("flash-down")!.Recipe);
        Assert.Equal(["flash-up", "flash-down"], make.Phony.Keys.ToArray());
        Assert.Equal(6, make.HelpLines["flash-up"]);
        Assert.Equal(["services/*.mk", "services/*/*.mk"], make.Includes.Select(i => i.Pattern).ToArray());
    }

    [Fact]
    public void Globs_match_within_one_path_segment()
    {
        Assert.True(Globbing.Matches("*.mk", "flash.mk"));
        Assert.False(Globbing.Matches("*.mk", "flash.mkx"));
        Assert.True(Globbing.Matches("?.mk", "a.mk"));
    }
}

[Trait("Tier", "unit")]
public sealed class ComposeFactsTests
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("1m30s", 90)]
    [InlineData("500ms", 0.5)]
    [InlineData("1h", 3600)]
    public void Durations_parse_like_compose(string text, double seconds) =>
        Assert.Equal(seconds, ComposeFacts.Seconds(text));

    [Theory]
    [InlineData("often")]
    [InlineData("10")]
    [InlineData("")]
    [InlineData("5d")]
    public void Malformed_durations_are_rejected(string text) => Assert.Null(ComposeFacts.Seconds(text));

    [Theory]
    [InlineData("nats:2.10-alpine", true)]
    [InlineData("nats", false)]
    [InlineData("nats:latest", false)]
    [InlineData("localhost:5000/nats", false)]
    [InlineData("localhost:5000/nats:2.10", true)]
    [InlineData("nats@sha256:abc", true)]
    [InlineData("nats:${TAG}", false)]
    public void Images_are_pinned_by_a_non_latest_tag_or_a_digest(string image, bool pinned) =>
        Assert.Equal(pinned, ImageRef.IsPinned(image));

    [Theory]
    [InlineData("REDIS_PASSWORD", true)]
    [InlineData("redisPassword", true)]
    [InlineData("api_key", true)]
    [InlineData("PRIVATE_KEY", true)]
    [InlineData("auth_token", true)]
    [InlineData("ALLOW_ANONYMOUS_LOGIN", false)]
    [InlineData("REDIS_ADDR", false)]
    [InlineData("passthrough", false)]
    [InlineData("keyspace", false)]
    public void Secret_looking_keys(string key, bool secret) => Assert.Equal(secret, NoSecrets.IsSecretKey(key));

    [Theory]
    [InlineData("hunter2", true)]
    [InlineData("${REDIS_PASSWORD}", false)]
    [InlineData("${REDIS_PASSWORD:-}", false)]
    [InlineData("", false)]
    public void Only_literal_values_count_as_secrets(string value, bool literal) => Assert.Equal(literal, NoSecrets.IsLiteral(value));
}
