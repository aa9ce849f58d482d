using Arc.Platform.Compose;
using Arc.Platform.Yaml;

namespace Arc.Platform.Technologies;

/// <summary>
/// A compose <c>command:</c> seen as a server invocation. Upstream images prefix a command that
/// starts with a flag with their server binary, so the binary is either named first or implied.
/// Anything else as the program (<c>sh -c …</c>, another binary, a relative path) is refused: what
/// runs as a service is the technology's own server.
/// </summary>
internal sealed record ServerCommand(string Binary, IReadOnlyList<string> Arguments)
{
    public static ServerCommand From(ComposeService compose, string serverBinary)
    {
        var command = compose.Command;
        if (command.Count == 0 || command[0].StartsWith('-'))
            return new ServerCommand(serverBinary, command);
        var program = command[0];
        if (Path.GetFileName(program) != serverBinary || program.Contains('/') && !Path.IsPathFullyQualified(program))
        {
            var node = compose.Get("command") ?? compose.KeyNode;
            throw new ConfigException(compose.File, Yml.Line(node), Yml.Column(node),
                $"service '{compose.Name}' runs '{program}'; the native driver runs only {serverBinary} itself (its flags go in command:)");
        }
        return new ServerCommand(program, [.. command.Skip(1)]);
    }
}
