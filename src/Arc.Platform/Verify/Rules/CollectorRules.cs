using Arc.Platform.Yaml;
using System.Globalization;
using Arc.Platform.Compose;
using Arc.Platform.Verify.Files;
using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Verify.Rules;

/// <summary>A scrape target as configured: job, host, port and the line it was written on.</summary>
public sealed record ScrapeTarget(string Job, string Host, int? Port, string MetricsPath, int Line);

public sealed class CollectorPrometheusInPipeline : Rule
{
    public override string Id => "collector-prometheus-in-pipeline";
    public override string Description => "the collector defines otlp and prometheus receivers and its metrics pipeline receives from both";

    public override IEnumerable<Violation> Check(RepoSnapshot repo)
    {
        var config = repo.CollectorConfig;
        if (config.ProblemFor(Id) is { } problem)
        {
            yield return problem;
            yield break;
        }
        var root = config.Value!.Root;
        var receivers = Yml.Child(root, "receivers");
        var pipeline = Yml.Path(root, "service", "pipelines", "metrics");
        if (pipeline is null)
        {
            yield return At(config, Yml.Line(Yml.Child(root, "service") ?? root), "no service.pipelines.metrics pipeline");
            yield break;
        }
        var pipelineReceivers = Yml.Child(pipeline, "receivers");
        var listed = Yml.Strings(pipelineReceivers);
        foreach (var required in new[] { "otlp", "prometheus" })
        {
            if (Yml.Child(receivers, required) is null)
                yield return At(config, Yml.Line(receivers ?? root), $"no '{required}' receiver is defined");
            if (!listed.Contains(required))
                yield return At(config, Yml.Line(pipelineReceivers ?? pipeline), $"the metrics pipeline receivers [{string.Join(", ", listed)}] do not include '{required}'");
        }
        if (Yml.Strings(Yml.Child(pipeline, "exporters")).Count == 0)
            yield return At(config, Yml.Line(pipeline), "the metrics pipeline exports nowhere");
    }
}

public sealed class CollectorScrapesDeclaredMetrics : Rule
{
    public override string Id => "collector-scrapes-declared-metrics";
    public override string Description => "the prometheus receiver scrapes exactly the metrics.service:metrics.port (and path) of every service.yaml";

    public override IEnumerable<Violation> Check(RepoSnapshot repo)
    {
        var config = repo.CollectorConfig;
        if (config.ProblemFor(Id) is { } problem)
        {
            yield return problem;
            yield break;
        }
        var prometheusConfig = Yml.Path(config.Value!.Root, "receivers", "prometheus", "config");
        var scrapeConfigs = Yml.Child(prometheusConfig, "scrape_configs");
        var targets = Targets(scrapeConfigs).ToList();
        var declared = repo.Services.Where(s => s.Metrics is not null).ToList();
        foreach (var target in targets)
        {
            var owner = declared.FirstOrDefault(s => s.Metrics!.Service == target.Host);
            if (owner is null)
                yield return At(config, target.Line, $"job '{target.Job}' scrapes {target.Host}:{target.Port}, which no service.yaml declares as its metrics endpoint");
            else if (owner.Metrics!.Port != target.Port)
                yield return At(config, target.Line, $"job '{target.Job}' scrapes {target.Host}:{target.Port} but {owner.File}:{owner.Metrics.Line} declares metrics port {owner.Metrics.Port}");
            else if (owner.Metrics.Path != target.MetricsPath)
                yield return At(config, target.Line, $"job '{target.Job}' scrapes path {target.MetricsPath} but {owner.File}:{owner.Metrics.Line} declares {owner.Metrics.Path}");
        }
        foreach (var service in declared.Where(s => !targets.Any(t => t.Host == s.Metrics!.Service)))
            yield return At(config, prometheusConfig is null ? 1 : Yml.KeyLine(prometheusConfig, "scrape_configs"), $"nothing scrapes {service.Metrics!.Service}:{service.Metrics.Port}, the metrics endpoint of {service.Codename} ({service.File}:{service.Metrics.Line})");
    }

    public static IEnumerable<ScrapeTarget> Targets(YamlNode? scrapeConfigs)
    {
        foreach (var job in Yml.Items(scrapeConfigs))
        {
            var name = Yml.Text(Yml.Child(job, "job_name")) ?? "(unnamed)";
            var path = Yml.Text(Yml.Child(job, "metrics_path")) ?? "/metrics";
            foreach (var staticConfig in Yml.Items(Yml.Child(job, "static_configs")))
                foreach (var target in Yml.Items(Yml.Child(staticConfig, "targets")))
                {
                    var text = Yml.Text(target) ?? "";
                    var colon = text.LastIndexOf(':');
                    var host = colon < 0 ? text : text[..colon];
                    int? port = colon < 0 ? null : int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;
                    yield return new ScrapeTarget(name, host, port, path, Yml.Line(target));
                }
        }
    }
}

/// <summary>Shared lookup of the Friday stack's compose file and its collector service.</summary>
public abstract class OtelComposeRule : Rule
{
    public const string Collector = "arc-friday-collector";
    public const string OtelNet = "arc_otel_net";

    public override IEnumerable<Violation> Check(RepoSnapshot repo)
    {
        var compose = repo.Compose(RepoSnapshot.OtelCompose);
        if (compose.ProblemFor(Id) is { } problem)
            return [problem];
        return Check(compose.Value!, CollectorService(compose.Value!));
    }

    protected abstract IEnumerable<Violation> Check(ComposeFile compose, ComposeService? collector);

    public static ComposeService? CollectorService(ComposeFile compose) =>
        compose.Service(Collector) ?? compose.Services.FirstOrDefault(s => ComposeFacts.ContainerName(s) == Collector);
}

public sealed class CollectorOnBothNetworks : OtelComposeRule
{
    public override string Id => "collector-on-both-networks";
    public override string Description => "arc-friday-collector joins arc_otel_net (its storage) and arc_platform_net (what it scrapes)";

    protected override IEnumerable<Violation> Check(ComposeFile compose, ComposeService? collector)
    {
        if (collector is null)
        {
            yield return At(compose.DisplayPath, 1, $"no '{Collector}' service");
            yield break;
        }
        var networks = ComposeFacts.Networks(collector);
        foreach (var network in new[] { OtelNet, NetworkExternal.PlatformNet }.Where(n => !networks.Contains(n)))
            yield return At(compose.DisplayPath, Yml.KeyLine(collector.Node, "networks"), $"'{Collector}' is not on {network}");
    }
}

public sealed class OtelStorageInternal : OtelComposeRule
{
    public override string Id => "otel-storage-internal";
    public override string Description => "arc_otel_net is internal and only the collector reaches arc_platform_net; the storage stays on arc_otel_net";

    protected override IEnumerable<Violation> Check(ComposeFile compose, ComposeService? collector)
    {
        var networks = compose.TopLevel("networks");
        var otel = Yml.Child(networks, OtelNet);
        if (otel is null)
            yield return At(compose.DisplayPath, Yml.Line(networks ?? compose.Root), $"{OtelNet} is not declared");
        else if (!Yml.IsTrue(Yml.Child(otel, "internal")))
            yield return At(compose.DisplayPath, Yml.KeyLine(networks, OtelNet), $"{OtelNet} must be internal: true so the storage is unreachable from outside");
        foreach (var service in compose.Services.Where(s => s != collector))
        {
            var joined = ComposeFacts.Networks(service);
            if (joined.Contains(NetworkExternal.PlatformNet))
                yield return At(compose.DisplayPath, Yml.KeyLine(service.Node, "networks"), $"'{service.Name}' joins {NetworkExternal.PlatformNet}; only the collector may");
            if (!joined.Contains(OtelNet))
                yield return At(compose.DisplayPath, service.Line, $"'{service.Name}' is not on {OtelNet}");
        }
    }
}
