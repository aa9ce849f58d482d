using Arc.Platform.Compose;
using Arc.Platform.Technologies;
using Arc.Platform.Verify.Files;
using Arc.Platform.Yaml;

namespace Arc.Platform.Verify.Rules;

/// <summary>
/// Every listen address written for a service is loopback. The native driver runs these command
/// lines on the host, so an address here is an address on the host; left out, a container listens on
/// its own interfaces (published to 127.0.0.1 only) and the native driver binds 127.0.0.1.
/// </summary>
/// <param name="declared">The listen flags each technology declares (<see cref="IListenFlags"/>); the rule adds only <see cref="AnyServer"/>.</param>
public sealed class ListenLoopbackOnly(IEnumerable<ListenFlags> declared) : ComposeFileRule
{
    /// <summary>Words any server may use for its listen address, whatever its technology.</summary>
    public static ListenFlags AnyServer { get; } = new(["host", "bind-address", "bind_address"], ["listen"], []);

    // Flag names without their dashes (Go and nats-server accept one or two).
    private readonly ListenFlags _flags = ListenFlags.Union(declared.Prepend(AnyServer));

    public override string Id => "listen-loopback-only";
    public override string Description => "every listen address in a command, entrypoint or environment (--addr/-a, --bind, --cluster, --routes, --http host forms, --websocket, gateway, leafnode, --web.listen-address, *_LISTEN_*/*_BIND_* variables) is loopback";

    protected override IEnumerable<Violation> Check(RepoSnapshot repo, ComposeFile compose)
    {
        foreach (var service in compose.Services)
        {
            foreach (var (flag, value, line) in Addresses(ComposeFacts.CommandWords(service)))
                if (!ListenAddress.IsLoopback(ListenAddress.Host(value)))
                    yield return At(compose.DisplayPath, line, $"service '{service.Name}' listens on '{value}' ({flag}); only loopback may be written (leave it out: arc binds 127.0.0.1 natively)");
            foreach (var (key, keyNode, value) in Yml.Entries(service.Get("environment")))
                if (IsListenVariable(key) && Yml.Text(value) is { Length: > 0 } text && !ListenAddress.IsPortOnly(text) && !ListenAddress.IsLoopback(ListenAddress.Host(text)))
                    yield return At(compose.DisplayPath, Yml.Line(keyNode), $"service '{service.Name}' sets {key} to '{text}', not loopback");
        }
    }

    private static bool IsListenVariable(string key) =>
        key.Split('_', '.', '-').Any(w => w.Equals("LISTEN", StringComparison.OrdinalIgnoreCase) || w.Equals("BIND", StringComparison.OrdinalIgnoreCase))
        || key.Contains("bindAddress", StringComparison.OrdinalIgnoreCase);

    /// <summary>Each address a listen flag is given, with the flag as written and its line.</summary>
    private IEnumerable<(string Flag, string Value, int Line)> Addresses(List<(string Text, int Line)> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            var (word, line) = words[i];
            if (!word.StartsWith('-'))
                continue;
            var eq = word.IndexOf('=');
            var flag = eq > 0 ? word[..eq] : word;
            var name = flag.TrimStart('-');
            if (!_flags.Names(name))
                continue;
            // Some flags take several addresses (Redis' --bind); the others one, maybe a comma-separated list (--routes).
            var values = eq > 0 ? [word[(eq + 1)..]]
                : _flags.SeveralHosts.Contains(name) ? words.Skip(i + 1).TakeWhile(w => !w.Text.StartsWith('-')).Select(w => w.Text).ToList()
                : i + 1 < words.Count ? [words[i + 1].Text] : new List<string>();
            foreach (var value in values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
                if (!(_flags.HostPort.Contains(name) && ListenAddress.IsPortOnly(value)))
                    yield return (flag, value, line);
        }
    }
}
