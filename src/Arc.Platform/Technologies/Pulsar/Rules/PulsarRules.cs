using System.Text.RegularExpressions;
using Arc.Platform.Compose;
using Arc.Platform.Registry;
using Arc.Platform.Verify;
using Arc.Platform.Verify.Files;
using Arc.Platform.Verify.Rules;
using Arc.Platform.Yaml;

namespace Arc.Platform.Technologies.Pulsar.Rules;

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
public sealed partial class PulsarRootDocumented : DockerfileRule
{
    protected override string? Tech => "pulsar";
    public override string Id => "pulsar-root-documented";
    public override string Description => "Pulsar runs as root only with the deviation explained in a comment of its Dockerfile and of its compose file";

    [GeneratedRegex(@"\broot\b", RegexOptions.IgnoreCase)]
    private static partial Regex MentionsRoot();

    protected override IEnumerable<Violation> Check(RepoSnapshot repo, ServiceDefinition service, string file, Dockerfile dockerfile)
    {
        var user = dockerfile.FinalStage.LastOrDefault(i => i.Keyword == "USER");
        if (user is not null && !NonRootRule.IsRoot(user.Arguments))
            yield break;
        if (!dockerfile.Comments.Any(c => MentionsRoot().IsMatch(c.Text)))
            yield return At(file, FromLine(dockerfile), $"{service.Name} runs as root but its Dockerfile has no comment explaining why");
        var compose = repo.Yaml(RepoSnapshot.ComposePath(service));
        if (compose.ProblemFor(Id) is { } problem)
            yield return problem;
        else if (!compose.Value!.Comments.Any(c => MentionsRoot().IsMatch(c.Text)))
            yield return At(compose, 1, $"{service.Name} runs as root but its compose file has no comment explaining why");
    }
}

public sealed class HealthcheckPulsarPatience : ServiceComposeRule
{
    public const double MinStartPeriodSeconds = 90;
    public const int MinRetries = 15;

    protected override string? Tech => "pulsar";
    public override string Id => "healthcheck-pulsar-patience";
    public override string Description => "Pulsar's cold start is slow: start_period >= 90s and retries >= 15";

    protected override IEnumerable<Violation> Check(ServiceDefinition service, ComposeFile compose, ComposeService main)
    {
        var health = main.Get("healthcheck");
        var startPeriod = Yml.Child(health, "start_period");
        if (ComposeFacts.Seconds(Yml.Text(startPeriod)) is not >= MinStartPeriodSeconds)
            yield return At(compose.DisplayPath, Yml.Line(startPeriod ?? health ?? main.KeyNode), $"'{service.Name}' start_period is '{Yml.Text(startPeriod)}', Pulsar needs at least {MinStartPeriodSeconds}s");
        var retries = Yml.Child(health, "retries");
        if (Yml.Int(Yml.Text(retries)) is not >= MinRetries)
            yield return At(compose.DisplayPath, Yml.Line(retries ?? health ?? main.KeyNode), $"'{service.Name}' retries is '{Yml.Text(retries)}', Pulsar needs at least {MinRetries}");
    }
}
