using Arc.Platform.Compose;
using Arc.Platform.Registry;
using Arc.Platform.Secrets;
using Arc.Platform.Verify.Files;
using Arc.Platform.Yaml;

namespace Arc.Platform.Verify.Rules;

/// <summary>
/// A technology's rule that its container reads the credentials arc generates (DESIGN.md §8): the server's
/// main service mounts the compose secret whose file is <c>.arc/secrets/docker/&lt;codename&gt;.&lt;kind&gt;</c>, and
/// the flag naming the server's credentials file (Redis --aclfile, NATS --config) points at that mount. Without
/// it the container would run open while `arc env` hands out passwords.
/// </summary>
public abstract class CredentialsMountedRule : ServiceComposeRule
{
    /// <summary>The generated file's kind (<see cref="Technologies.IContainerSecrets"/>): "acl", "server.conf".</summary>
    protected abstract string Kind { get; }

    /// <summary>The server flag that names the file.</summary>
    protected abstract string Flag { get; }

    public override string Description => $"the {Tech} container mounts its generated credentials (.arc/secrets/docker/<codename>.{Kind}) and {Flag} names the mount";

    protected override IEnumerable<Violation> Check(ServiceDefinition service, ComposeFile compose, ComposeService main) => [];

    protected override IEnumerable<Violation> Check(RepoSnapshot repo, ServiceDefinition service, ComposeFile compose, ComposeService main)
    {
        var generated = Path.Combine(SecretStore.DirectoryOf(repo.Root), ContainerCopies.DirectoryName, $"{service.Codename}.{Kind}");
        var mount = ComposeSecret.Of(compose, compose.Path).Where(s => s.FullPath == generated)
            .SelectMany(s => s.Mounts).FirstOrDefault(m => m.Service.Name == main.Name);
        var value = ComposeFacts.FlagValue(main.Command, Flag);
        var line = Yml.Line(main.Get("command") ?? main.KeyNode);
        if (mount is null)
            yield return At(compose.DisplayPath, main.Line,
                $"'{service.Name}' mounts no secret from .arc/secrets/docker/{service.Codename}.{Kind}: its container would run without the credentials arc generates");
        else if (value != mount.Target)
            yield return At(compose.DisplayPath, line, $"'{service.Name}' command has {Flag} {value ?? "(unset)"}, not {mount.Target} where its generated {Kind} is mounted");
    }
}
