using Arc.Platform.Yaml;

namespace Arc.Platform.Registry;

internal static class RegistryLoader
{
    public static ServiceRegistry Load(string root)
    {
        var servicesDir = Path.Combine(root, "services");
        if (!Directory.Exists(servicesDir))
            throw new ConfigException("services", 1, 1, $"no services/ directory under {root}");
        var services = Directory.GetDirectories(servicesDir)
            .Order(StringComparer.Ordinal)
            .Select(dir => Path.Combine(dir, "service.yaml"))
            // Anything named service.yaml is read, so a directory or FIFO there is refused, not skipped.
            .Where(path => Path.Exists(path))
            .Select(path => ServiceDefinitionReader.Read(path, Path.GetRelativePath(root, path))
                with
            { SecretsDirectory = Secrets.SecretStore.DirectoryOf(root) })
            .ToList();
        var profilesPath = Path.Combine(root, ServiceRegistry.ProfilesFile);
        if (!Path.Exists(profilesPath))
            throw new ConfigException(ServiceRegistry.ProfilesFile, 1, 1, "file not found");
        var profiles = ProfileReader.Read(profilesPath, ServiceRegistry.ProfilesFile);
        RegistryValidator.Validate(services, profiles);
        return new ServiceRegistry(root, services, profiles);
    }
}
