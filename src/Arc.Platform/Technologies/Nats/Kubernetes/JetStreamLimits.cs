using System.Globalization;
using System.Text.RegularExpressions;
using Arc.Platform.Kubernetes;
using Arc.Platform.Registry;

namespace Arc.Platform.Technologies.Nats.Kubernetes;

/// <summary>
/// The server-wide JetStream budget of the file Flash's compose command passes with --config
/// (services/messaging/jetstream.conf): the one source of the NATS chart's volume size and
/// memory store, read with nats-server's own size units (k = 1000, kb/ki/kib = 1024, ...).
/// </summary>
public sealed partial record JetStreamLimits(long MaxFileStore, long? MaxMemoryStore)
{
    public static JetStreamLimits Of(ServiceDefinition service)
    {
        var compose = ServiceFiles.Compose(service);
        var flags = new CommandLineFlags(ServerCommand.From(compose, NatsLaunch.ServerBinary).Arguments);
        if (flags.Value(NatsFlags.Config.Aliases) is not { } inContainer)
            throw new ConfigException(compose.File, Yaml.Yml.Line(compose.Get("command") ?? compose.KeyNode), 1,
                $"service '{compose.Name}' passes no --config file: the NATS chart's JetStream volume is sized from its max_file_store");
        var name = Path.GetFileName(inContainer);
        var path = Path.Combine(service.Directory, name);
        var display = ServiceFiles.Display(service, name);
        if (!File.Exists(path))
            throw new ConfigException(display, 1, 1, $"file not found; --config {inContainer} names it");
        return Parse(File.ReadAllText(path), display);
    }

    public static JetStreamLimits Parse(string text, string display)
    {
        var code = Comment().Replace(text, match => new string(' ', match.Length));
        var block = Block().Match(code);
        if (!block.Success)
            throw new ConfigException(display, 1, 1, "no 'jetstream { ... }' block: the NATS chart's JetStream volume is sized from its max_file_store");
        var file = Limit(code, block, FileStore(), "max_file_store", display)
            ?? throw new ConfigException(display, LineOf(code, block.Index), 1, "the jetstream block sets no max_file_store: the NATS chart's JetStream volume is sized from it");
        return new JetStreamLimits(file, Limit(code, block, MemoryStore(), "max_memory_store", display));
    }

    private static long? Limit(string code, Match block, Regex pattern, string key, string display)
    {
        var body = block.Groups[1];
        var setting = pattern.Match(body.Value);
        if (!setting.Success)
            return null;
        var line = LineOf(code, body.Index + setting.Index);
        var unit = setting.Groups[2].Value.ToLowerInvariant();
        var scale = Scale(unit) ?? throw new ConfigException(display, line, 1,
            $"{key}: unknown size unit '{setting.Groups[2].Value}' (nats-server takes k, kb, m, mb, g, gb, t, tb and the -i/-ib forms)");
        try
        {
            return checked(long.Parse(setting.Groups[1].Value, CultureInfo.InvariantCulture) * scale);
        }
        catch (OverflowException)
        {
            throw new ConfigException(display, line, 1, $"{key} is too large");
        }
    }

    /// <summary>nats-server's size suffixes: a bare letter is decimal, "b" and the "i" forms are binary.</summary>
    private static long? Scale(string unit) => unit switch
    {
        "" => 1,
        "k" => 1000,
        "kb" or "ki" or "kib" => 1L << 10,
        "m" => 1000_000,
        "mb" or "mi" or "mib" => 1L << 20,
        "g" => 1000_000_000,
        "gb" or "gi" or "gib" => 1L << 30,
        "t" => 1000_000_000_000,
        "tb" or "ti" or "tib" => 1L << 40,
        _ => null,
    };

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    [GeneratedRegex(@"(#|//)[^\n]*")]
    private static partial Regex Comment();

    [GeneratedRegex(@"(?m)^\s*jetstream\s*[:=]?\s*\{([^}]*)\}")]
    private static partial Regex Block();

    [GeneratedRegex(@"(?m)^\s*max_file_store\s*[:=]?\s*([0-9]+)\s*([A-Za-z]*)\s*$")]
    private static partial Regex FileStore();

    [GeneratedRegex(@"(?m)^\s*max_memory_store\s*[:=]?\s*([0-9]+)\s*([A-Za-z]*)\s*$")]
    private static partial Regex MemoryStore();
}
