using System.Text.RegularExpressions;
using Arc.Platform.Compose;
using Arc.Platform.Registry;
using Arc.Platform.Verify;
using Arc.Platform.Verify.Files;
using Arc.Platform.Verify.Rules;
using Arc.Platform.Yaml;

namespace Arc.Platform.Technologies.Redis.Rules;

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
        if (!ComposeFacts.Volumes(main).Any(v => ComposeFacts.IsUnder(dir, v.Target)))
            yield return At(compose.DisplayPath, line, $"Redis data dir '{dir}' is on no volume, so the AOF is lost with the container");
    }
}

public sealed class RedisNonRoot : NonRootRule
{
    protected override string? Tech => "redis";
    public override string Id => "redis-non-root";
}

public sealed class RedisAclMounted : CredentialsMountedRule
{
    protected override string? Tech => "redis";
    public override string Id => "redis-acl-mounted";
    protected override string Kind => RedisTechnology.AclKind;
    protected override string Flag => RedisLaunch.AclFileFlag;
}
