using Arc.Platform.Technologies;

namespace Arc.Platform.Verify.Rules;

/// <summary>
/// Every rule `arc verify` runs: the core rules in the order of the plan's reviewer checklist, then each
/// technology's own (<see cref="IVerifiable"/>), by tech name.
/// </summary>
internal static class RuleCatalog
{
    public static IReadOnlyList<IRule> For(TechnologyCatalog technologies) =>
    [
        .. Core(technologies),
        .. technologies.Names.Select(technologies.Find).OfType<IVerifiable>().SelectMany(t => t.Rules),
    ];

    /// <summary>The core rules; a few are built with what each technology registers (names it checks).</summary>
    private static IReadOnlyList<IRule> Core(TechnologyCatalog technologies) =>
    [
        // Compose files
        new PortsLoopbackOnly(),
        new ListenLoopbackOnly(technologies.Names.Select(technologies.Find).OfType<IListenFlags>().Select(t => t.Listen)),
        new ServiceRunsOwnExecutable(),
        new VolumesNamedOnly(),
        new NetworkExternal(),
        new ComposeNoV2OnlyKeys(),
        new ComposeImagesPinned(),
        new ContainerNamesMatch(),
        new ComposeBuildsServiceImage(),
        new PortsMatchServiceYaml(),
        new HealthcheckStartPeriod(),
        new HealthcheckProbesServiceYaml(),
        new ExportersPresent(),
        new NamesWellFormed([.. technologies.Names.Select(technologies.Find).OfType<INameRules>()]),
        // The platform's consumers (services/consumers.yaml)
        new ConsumerSettingsResolve(),
        new ConsumerSettingsSafe(),
        // Dockerfiles
        new LabelsOci(),
        new LabelsArcConsistent(),
        new ImagePinnedOnce(),
        // Secrets
        new NoSecrets(),
        // Friday collector
        new CollectorPrometheusInPipeline(),
        new CollectorScrapesDeclaredMetrics(),
        new CollectorOnBothNetworks(),
        new OtelStorageInternal(),
        // Profiles
        new ProfileThinkMembers(),
        // Make
        new MakefileIncludesEveryMk(),
        new MkRequiredTargets(),
        new MkDestructiveConfirm(),
        new MessagingAggregates(),
        // Workflows
        new WorkflowImagesPathFilters(),
        new WorkflowReleaseTag(),
        new WorkflowCiRunsTests(),
    ];
}
