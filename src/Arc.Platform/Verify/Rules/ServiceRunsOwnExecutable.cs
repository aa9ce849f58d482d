using Arc.Platform.Compose;
using Arc.Platform.Registry;
using Arc.Platform.Verify.Files;
using Arc.Platform.Yaml;

namespace Arc.Platform.Verify.Rules;

/// <summary>
/// What runs as a service is the technology's own server or exporter: a command of flags only (the
/// image's entrypoint is the server), or one whose program is that executable. `sh -c …`, `env`,
/// or a path to anything else would run, natively as root, whatever the checkout says.
/// </summary>
public sealed class ServiceRunsOwnExecutable : ServiceComposeRule
{
    public override string Id => "service-runs-own-executable";
    public override string Description => "a service's compose command/entrypoint runs the technology's own server (as the technology registers it) and its sidecar the exporter, never a shell or another program";

    protected override IEnumerable<Violation> Check(ServiceDefinition service, ComposeFile compose, ComposeService main) => [];

    protected override IEnumerable<Violation> Check(RepoSnapshot repo, ServiceDefinition service, ComposeFile compose, ComposeService main)
    {
        var own = repo.ExecutablesOf(service);
        foreach (var v in CheckProgram(compose, main, own?.ServerExecutables ?? []))
            yield return v;
        if (service.Metrics is { Exporter: { } exporter } metrics && metrics.Service != service.Name && compose.Service(metrics.Service) is { } sidecar)
            foreach (var v in CheckProgram(compose, sidecar, own?.ExporterExecutables.GetValueOrDefault(exporter) ?? [exporter]))
                yield return v;
    }

    private IEnumerable<Violation> CheckProgram(ComposeFile compose, ComposeService service, IReadOnlyList<string> allowed)
    {
        foreach (var key in new[] { "entrypoint", "command" })
        {
            var words = ComposeFacts.Words(service.Get(key));
            if (words.Count == 0)
                continue;
            var program = words[0].Text;
            // A command of flags only is handed to the image's entrypoint, the server itself.
            if (key == "command" && program.StartsWith('-'))
                yield break;
            if (!allowed.Contains(Path.GetFileName(program), StringComparer.Ordinal))
                yield return At(compose.DisplayPath, words[0].Line, $"service '{service.Name}' {key} runs '{program}', not {string.Join(" or ", allowed.DefaultIfEmpty("its server"))}");
            // An entrypoint names the program; the command is then its arguments.
            yield break;
        }
    }
}
