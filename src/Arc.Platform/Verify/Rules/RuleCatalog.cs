namespace Arc.Platform.Verify.Rules;

/// <summary>Every rule `arc verify` runs, in the order of the plan's reviewer checklist.</summary>
internal static class RuleCatalog
{
    public static IReadOnlyList<IRule> All { get; } =
    [
        // Compose files
        new PortsLoopbackOnly(),
        new ListenLoopbackOnly(),
        new ServiceRunsOwnExecutable(),
        new VolumesNamedOnly(),
        new NetworkExternal(),
        new ComposeNoV2OnlyKeys(),
        new ComposeImagesPinned(),
        new ContainerNamesMatch(),
        new ComposeBuildsServiceImage(),
        new PortsMatchServiceYaml(),
        new HealthcheckStartPeriod(),
        new HealthcheckPulsarPatience(),
        new HealthcheckProbesServiceYaml(),
        new ExportersPresent(),
        // Technology settings
        new NatsJetStreamFlags(),
        new RedisPersistenceFlags(),
        new PulsarStandaloneFlags(),
        new StreamsDeclared(),
        new NamesWellFormed(),
        // The platform's consumers (services/consumers.yaml)
        new ConsumerStreamsMatch(),
        new ConsumerStreamsServerDefaults(),
        new ConsumerSettingsResolve(),
        new ConsumerSettingsSafe(),
        new ConsumerPulsarProvisioned(),
        // Dockerfiles
        new NatsNonRoot(),
        new RedisNonRoot(),
        new PulsarRootDocumented(),
        new LabelsOci(),
        new LabelsArcConsistent(),
        new ImagePinnedOnce(),
        new NatsStoreWritable(),
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
