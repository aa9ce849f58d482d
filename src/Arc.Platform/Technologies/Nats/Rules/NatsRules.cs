using System.Text.RegularExpressions;
using Arc.Platform.Compose;
using Arc.Platform.Registry;
using Arc.Platform.Verify;
using Arc.Platform.Verify.Files;
using Arc.Platform.Verify.Rules;
using Arc.Platform.Yaml;

namespace Arc.Platform.Technologies.Nats.Rules;

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
        else if (!ComposeFacts.Volumes(main).Any(v => ComposeFacts.IsUnder(storeDir, v.Target)))
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
}

public sealed class NatsNonRoot : NonRootRule
{
    protected override string? Tech => "nats";
    public override string Id => "nats-non-root";
}

public sealed class NatsStoreWritable : DockerfileRule
{
    protected override string? Tech => "nats";
    public override string Id => "nats-store-writable";
    public override string Description => "the NATS image creates the JetStream volume directory owned by its non-root user (a fresh named volume inherits it)";

    protected override IEnumerable<Violation> Check(RepoSnapshot repo, ServiceDefinition service, string file, Dockerfile dockerfile)
    {
        var compose = repo.Compose(service);
        if (compose.ProblemFor(Id) is { } problem)
        {
            yield return problem;
            yield break;
        }
        var main = ComposeFacts.MainService(compose.Value!, service);
        var storeDir = main is null ? null : ComposeFacts.FlagValue(main.Command, "-sd", "--store_dir");
        var mount = main is null || storeDir is null ? null
            : ComposeFacts.Volumes(main).FirstOrDefault(v => !v.IsBind && ComposeFacts.IsUnder(storeDir, v.Target));
        if (mount is null)
            yield break; // nats-jetstream-flags reports a store dir that is not on a volume
        var target = mount.Target.TrimEnd('/');
        var prepares = dockerfile.FinalStage.Any(i => i.Keyword == "RUN"
            && (i.Arguments.Contains("chown", StringComparison.Ordinal) || i.Arguments.Contains("install -d", StringComparison.Ordinal))
            && (i.Arguments.Contains(target, StringComparison.Ordinal) || i.Arguments.Contains(storeDir!, StringComparison.Ordinal)));
        if (!prepares)
            yield return At(file, FromLine(dockerfile), $"no RUN creates and chowns '{target}' (the JetStream volume) for the non-root user; the server could not write its store");
    }
}

public sealed class NatsUsersMounted : CredentialsMountedRule
{
    protected override string? Tech => "nats";
    public override string Id => "nats-users-mounted";
    protected override string Kind => NatsTechnology.ServerConfigKind;
    protected override string Flag => NatsLaunch.ConfigFlag[0];
}
