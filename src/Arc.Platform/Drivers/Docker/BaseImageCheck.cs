using Arc.Platform.Compose;
using Arc.Platform.Registry;

namespace Arc.Platform.Drivers.Docker;

/// <summary>
/// The docker counterpart of "runtime not installed": a service whose image is not built yet and
/// whose Dockerfile's base image is neither present nor pullable (no registry, as on our build
/// machines for apachepulsar/pulsar) cannot run here. Reporting that as a skip with a remedy keeps
/// DESIGN.md §4's rule: it fails the run only when the service was named explicitly.
/// </summary>
internal static class BaseImageCheck
{
    /// <summary>Null when the service can be built and started; otherwise what is missing and how to get it here.</summary>
    public static async Task<string?> UnavailableAsync(string docker, ServiceDefinition service, ComposeFile compose, CancellationToken cancellationToken)
    {
        var dockerfile = Path.Combine(service.Directory, "Dockerfile");
        if (compose.Service(service.Name)?.Get("image") is not YamlDotNet.RepresentationModel.YamlScalarNode { Value: { } image }
            || !File.Exists(dockerfile)
            || await ExistsAsync(docker, image, cancellationToken))
            return null;
        var baseImage = Dockerfile.Parse(await File.ReadAllTextAsync(dockerfile, cancellationToken)).FinalBaseImage;
        if (baseImage is null || await ExistsAsync(docker, baseImage, cancellationToken))
            return null;
        var pull = await ToolProcess.RunAsync(docker, ["pull", baseImage], cancellationToken, TimeSpan.FromMinutes(10));
        return pull.Succeeded
            ? null
            : $"base image {baseImage} is not available here and cannot be pulled ({pull.Tail(1)}); `docker load` it";
    }

    private static async Task<bool> ExistsAsync(string docker, string image, CancellationToken cancellationToken) =>
        (await ToolProcess.RunAsync(docker, ["image", "inspect", "--format", "{{.Id}}", image], cancellationToken)).Succeeded;
}
