using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Arc.Platform.Kubernetes;
using Arc.Platform.Registry;

namespace Arc.Platform.Technologies.Redis.Kubernetes;

/// <summary>
/// The valkey.conf lines of the compose command's redis-server flags (--appendonly yes → appendonly
/// yes), without those the chart writes itself (port, bind, dir), and the volume the AOF needs.
/// </summary>
public sealed partial record ValkeyConfig(string Text, long VolumeBytes)
{
    /// <summary>Directives the chart's init script writes into valkey.conf itself; a second copy would fight it.</summary>
    public static readonly IReadOnlySet<string> ChartOwned = new HashSet<string>(StringComparer.Ordinal) { "port", "bind", "dir" };

    public static ValkeyConfig Of(ServiceDefinition service)
    {
        var compose = ServiceFiles.Compose(service);
        var arguments = ServerCommand.From(compose, RedisLaunch.ServerBinary).Arguments;
        var at = Yaml.Yml.Line(compose.Get("command") ?? compose.KeyNode);
        var text = new StringBuilder();
        long? maxMemory = null;
        foreach (var (flag, value) in CommandLineFlags.Pairs(arguments))
        {
            var directive = flag.TrimStart('-');
            // --aclfile names the container's compose secret; the chart's pods have no such file.
            if (ChartOwned.Contains(directive) || directive == RedisLaunch.AclFileFlag.TrimStart('-'))
                continue;
            if (directive == "maxmemory")
                maxMemory = Bytes(value) ?? throw new ConfigException(compose.File, at, 1, $"--maxmemory '{value}' is not a redis size (512mb, 1gb, ...)");
            text.Append(directive).Append(' ').Append(Quoted(value)).Append('\n');
        }
        if (maxMemory is not > 0)
            throw new ConfigException(compose.File, at, 1,
                $"service '{compose.Name}' sets no --maxmemory: the Valkey volume is sized from it (the AOF of a full cache and its rewrite)");
        // An AOF rewrite writes the new file beside the old one: room for twice the largest dataset.
        return new ValkeyConfig(text.ToString(), checked(2 * maxMemory.Value));
    }

    /// <summary>redis-server's memory units: k/m/g are powers of 1000, kb/mb/gb of 1024, any case; a bare number is bytes.</summary>
    public static long? Bytes(string value)
    {
        var match = MemoryPattern().Match(value);
        if (!match.Success || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            return null;
        var scale = match.Groups[2].Value.ToLowerInvariant() switch
        {
            "" => 1L,
            "k" => 1000,
            "kb" => 1L << 10,
            "m" => 1000_000,
            "mb" => 1L << 20,
            "g" => 1000_000_000,
            _ => 1L << 30,
        };
        return amount > long.MaxValue / scale ? null : amount * scale;
    }

    private static string Quoted(string value) =>
        value.Length > 0 && !value.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'') ? value : "\"" + value.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex("^([0-9]+)((?i:k|kb|m|mb|g|gb)?)$")]
    private static partial Regex MemoryPattern();
}
