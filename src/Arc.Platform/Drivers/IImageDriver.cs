using Arc.Platform.Registry;

namespace Arc.Platform.Drivers;

/// <summary>A driver that runs services from images it can build and remove (docker); `arc build` and `clean --images` use it.</summary>
public interface IImageDriver
{
    /// <summary>Builds the service's images; <paramref name="noCache"/> ignores the layer cache. Returns what was built.</summary>
    Task<string> BuildAsync(ServiceDefinition service, bool noCache, CancellationToken cancellationToken);

    /// <summary>Like <see cref="IServiceDriver.CleanAsync"/>, and also removes the images the service's containers use.</summary>
    Task RemoveImagesAsync(ServiceDefinition service, CancellationToken cancellationToken);
}
