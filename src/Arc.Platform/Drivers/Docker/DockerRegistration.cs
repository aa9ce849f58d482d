namespace Arc.Platform.Drivers.Docker;

/// <summary>The docker driver's line in <see cref="Composition.DriverCatalog"/>: compose containers, where an engine answers.</summary>
public static class DockerRegistration
{
    /// <summary>Containers on arc_platform_net: the compose service's name and its container ports.</summary>
    public static Connections.NetworkView Platform { get; } = new("platform", "containers on arc_platform_net",
        "container names and ports on arc_platform_net", "platform view (arc_platform_net, container names and ports)", OnHost: false);

    public static DriverEntry Entry { get; } = new("docker", "docker where an engine answers", site =>
    {
        var engine = new DockerEngine(site.Root, DockerDriverOptions.FromEnvironment(), site.TechnologyFor);
        return new DriverRegistration(engine.Driver)
        {
            Answers = engine.AnswersAsync,
            Unanswered = "no Docker engine answers (is dockerd running and DOCKER_HOST right?)",
        };
    })
    {
        NetworkViews = [Connections.NetworkView.Host, Platform],
    };
}
