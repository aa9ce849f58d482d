using Arc.Platform.Verify.Files;
using Arc.Platform.Verify.Rules;

namespace Arc.Platform.Tests.Verify.Files;

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
