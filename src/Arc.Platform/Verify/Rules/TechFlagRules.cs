using Arc.Platform.Yaml;
using Arc.Platform.Compose;
using Arc.Platform.Registry;
using Arc.Platform.Verify.Files;

namespace Arc.Platform.Verify.Rules;

public sealed class NatsJetStreamFlags : ServiceComposeRule
{
    protected override string? Tech => "nats";
    public override string Id => "nats-jetstream-flags";
    public override string Description => "NATS runs with JetStream, its store dir on the named volume, and the monitor/client ports of service.yaml";

    protected override IEnumerable<Violation> Check(ServiceDefinition service, ComposeFile compose, ComposeService main)
    {
        var command = main.Command;
        var line = Yml.Line(main.Get("command") ?? main.KeyNode);
        if (!ComposeFacts.HasFlag(command, "-js", "--jetstream"))
            yield return At(compose.DisplayPath, line, $"'{service.Name}' command does not enable JetStream (-js)");
        var storeDir = ComposeFacts.FlagValue(command, "-sd", "--store_dir");
        if (storeDir is null)
            yield return At(compose.DisplayPath, line, $"'{service.Name}' command sets no JetStream store dir (-sd)");
        else if (!ComposeFacts.Volumes(main).Any(v => IsUnder(storeDir, v.Target)))
            yield return At(compose.DisplayPath, line, $"JetStream store dir '{storeDir}' is on no volume, so streams are lost with the container");
        foreach (var (portName, flags) in new[] { ("monitor", new[] { "-m", "--http_port" }), ("client", new[] { "-p", "--port" }) })
        {
            var declared = service.Ports.FirstOrDefault(p => p.Name == portName);
            var value = ComposeFacts.FlagValue(command, flags);
            if (declared is null)
                yield return At(service.File, 1, $"{service.File} declares no '{portName}' port, which NATS needs");
            else if (value is null && portName == "monitor")
                yield return At(compose.DisplayPath, line, $"'{service.Name}' command does not enable the monitor port (-m {declared.Container})");
            else if (value is not null && Yml.Int(value) != declared.Container)
                yield return At(compose.DisplayPath, line, $"'{service.Name}' {flags[0]} {value} disagrees with {portName} container port {declared.Container} in {service.File}");
        }
    }

    internal static bool IsUnder(string path, string directory) =>
        path.TrimEnd('/') == directory.TrimEnd('/') || path.StartsWith(directory.TrimEnd('/') + "/", StringComparison.Ordinal);
}

public sealed class RedisPersistenceFlags : ServiceComposeRule
{
    private static readonly (string Flag, string Value)[] Required =
        [("--appendonly", "yes"), ("--appendfsync", "everysec"), ("--maxmemory", "512mb"), ("--maxmemory-policy", "noeviction")];

    protected override string? Tech => "redis";
    public override string Id => "redis-persistence-flags";
    public override string Description => "Redis runs with --appendonly yes --appendfsync everysec --maxmemory 512mb --maxmemory-policy noeviction";

    protected override IEnumerable<Violation> Check(ServiceDefinition service, ComposeFile compose, ComposeService main)
    {
        var command = main.Command;
        var line = Yml.Line(main.Get("command") ?? main.KeyNode);
        foreach (var (flag, expected) in Required)
        {
            var actual = ComposeFacts.FlagValue(command, flag);
            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
                yield return At(compose.DisplayPath, line, $"'{service.Name}' command has {flag} {actual ?? "(unset)"}, expected {flag} {expected}");
        }
        var client = service.Ports.FirstOrDefault(p => p.Name == "client");
        var port = ComposeFacts.FlagValue(command, "--port");
        if (port is not null && client is not null && Yml.Int(port) != client.Container)
            yield return At(compose.DisplayPath, line, $"'{service.Name}' --port {port} disagrees with client container port {client.Container} in {service.File}");
        var dir = ComposeFacts.FlagValue(command, "--dir") ?? "/data";
        // Which kind of volume is volumes-named-only's concern; here only that there is one.
        if (!ComposeFacts.Volumes(main).Any(v => NatsJetStreamFlags.IsUnder(dir, v.Target)))
            yield return At(compose.DisplayPath, line, $"Redis data dir '{dir}' is on no volume, so the AOF is lost with the container");
    }
}

public sealed class PulsarStandaloneFlags : ServiceComposeRule
{
    protected override string? Tech => "pulsar";
    public override string Id => "pulsar-standalone-flags";
    public override string Description => "Pulsar runs standalone with --no-functions-worker and a bounded PULSAR_MEM";

    protected override IEnumerable<Violation> Check(ServiceDefinition service, ComposeFile compose, ComposeService main)
    {
        var words = string.Join(' ', main.Command).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var line = Yml.Line(main.Get("command") ?? main.KeyNode);
        if (!words.Contains("standalone"))
            yield return At(compose.DisplayPath, line, $"'{service.Name}' command does not run 'pulsar standalone'");
        if (!words.Contains("--no-functions-worker") && !words.Contains("-nfw"))
            yield return At(compose.DisplayPath, line, $"'{service.Name}' command lacks --no-functions-worker (the functions worker doubles memory for nothing we use)");
        if (!main.Environment.TryGetValue("PULSAR_MEM", out var mem) || !mem.Contains("-Xmx", StringComparison.Ordinal))
            yield return At(compose.DisplayPath, main.Get("environment") is null ? main.Line : Yml.KeyLine(main.Node, "environment"), $"'{service.Name}' sets no PULSAR_MEM with -Xmx; the JVM would size its heap from the host");
    }
}
