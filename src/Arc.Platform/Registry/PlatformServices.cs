using Arc.Platform.Yaml;

namespace Arc.Platform.Registry;

/// <summary>
/// The platform's services that are not in this repository (services/platform.yaml), and the directories
/// under services/ here: the names a profile may list although no service.yaml defines them.
/// </summary>
internal sealed class PlatformServices(IReadOnlySet<string> names)
{
    public const string File = "services/platform.yaml";

    /// <summary>Null when the repository has no services/platform.yaml: then any name may stand for a platform service.</summary>
    public static PlatformServices? Read(string root)
    {
        var path = Path.Combine(root, File);
        if (!Path.Exists(path))
            return null;
        var map = new YamlMap(YamlDocumentLoader.LoadRoot(path, File), File, "platform.yaml");
        var listed = map.StringList("services");
        map.RejectUnknownKeys();
        var directories = Directory.GetDirectories(Path.Combine(root, "services")).Select(Path.GetFileName).OfType<string>();
        return new PlatformServices(listed.Concat(directories).ToHashSet(StringComparer.Ordinal));
    }

    public bool Knows(string name) => names.Contains(name);

    public IEnumerable<string> Listed => names.Order(StringComparer.Ordinal);
}
