using Arc.Platform.Compose;
using Arc.Platform.Yaml;

namespace Arc.Platform.Tests.Compose;

/// <summary>A value of the wrong node type under a key `arc` reads is a located error when the compose file loads, never a cast failure later.</summary>
[Trait("Tier", "unit")]
public sealed class ComposeShapeTests
{
    private const string File = "services/x/docker-compose.yml";

    private static ConfigException Refused(string service) =>
        Assert.Throws<ConfigException>(() => ComposeFile.Parse($"services:\n  arc-x:\n{service}", File));

    [Theory]
    [InlineData("    command: [nats-server, {a: b}]\n", 3, 28, "'command' must be a list of strings")]
    [InlineData("    command: {a: b}\n", 3, 14, "'command' must be a string or a list of strings")]
    [InlineData("    entrypoint: [[sh]]\n", 3, 18, "'entrypoint' must be a list of strings")]
    [InlineData("    environment:\n      ? {a: b}\n      : c\n", 4, 9, "'environment' keys must be strings")]
    [InlineData("    environment:\n      A: [1, 2]\n", 4, 10, "'environment' values must be single values")]
    [InlineData("    environment: [A=1, {B: 2}]\n", 3, 24, "'environment' entries must be KEY=VALUE strings")]
    [InlineData("    environment: 7\n", 3, 18, "'environment' must be a mapping")]
    [InlineData("    image: [a, b]\n", 3, 12, "'image' must be a single value")]
    [InlineData("    ports: \"4222:4222\"\n", 3, 12, "'ports' must be a list")]
    [InlineData("    ports: [[4222]]\n", 3, 13, "'ports' entries must be strings or mappings")]
    [InlineData("    healthcheck: [x]\n", 3, 18, "'healthcheck' must be a mapping")]
    [InlineData("    healthcheck:\n      test: {a: b}\n", 4, 13, "healthcheck 'test' must be a string or a list of strings")]
    [InlineData("    build:\n      args: [[x]]\n", 4, 14, "build 'args' entries must be KEY=VALUE strings")]
    [InlineData("    env_file: {a: b}\n", 3, 15, "'env_file' must be a string or a list of strings")]
    [InlineData("    ? [a]\n    : b\n", 3, 7, "has a key that is not a string")]
    public void A_wrong_node_type_is_located(string service, int line, int column, string reason)
    {
        var error = Refused(service);

        Assert.Equal((File, line, column), (error.File, error.Line, error.Column));
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_command_forms_and_both_environment_forms_still_read()
    {
        var compose = ComposeFile.Parse("""
            services:
              a:
                command: ["redis-server", "--port", "6379"]
                environment: {A: "1", B: ""}
              b:
                command: redis-server --port "63 79"
                environment: [A=1, NOEQUALS]
            """, File);

        Assert.Equal(["redis-server", "--port", "6379"], compose.Service("a")!.Command);
        Assert.Equal(["redis-server", "--port", "63 79"], compose.Service("b")!.Command);
        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "" }, compose.Service("a")!.Environment);
        Assert.Equal(new Dictionary<string, string> { ["A"] = "1" }, compose.Service("b")!.Environment);
    }
}
