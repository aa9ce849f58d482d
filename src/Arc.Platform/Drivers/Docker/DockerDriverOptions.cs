namespace Arc.Platform.Drivers.Docker;

/// <summary>How the docker driver reaches the engine and which compose files it layers.</summary>
/// <param name="Docker">The docker CLI; it honours DOCKER_HOST like every Docker tool.</param>
/// <param name="OverrideDirectory">
/// Where `&lt;role&gt;.override.yml` files are layered over the real compose files (set through
/// ARC_COMPOSE_OVERRIDE_DIR). For environments that cannot run a service, e.g. the test tier, which has
/// no image for the NATS exporter; the real files are never edited for that.
/// </param>
public sealed record DockerDriverOptions(string Docker = "docker", string? OverrideDirectory = null)
{
    public const string OverrideVariable = "ARC_COMPOSE_OVERRIDE_DIR";

    public static DockerDriverOptions FromEnvironment() =>
        new(OverrideDirectory: System.Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } dir ? dir : null);
}
