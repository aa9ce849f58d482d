using Arc.Platform.Yaml;
using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Registry;

/// <summary>
/// Parses services/profiles.yaml in the platform's shape: profile names at the top level, each
/// with an optional <c>description</c> and a <c>services</c> list or <c>'*'</c>; arc also reads an
/// optional <c>include</c> list of other profiles.
/// </summary>
internal static class ProfileReader
{
    private const string Everything = "*";

    public static List<ProfileDefinition> Read(string path, string displayPath)
    {
        var root = new YamlMap(YamlDocumentLoader.LoadRoot(path, displayPath), displayPath, "profiles.yaml");
        var profiles = new List<ProfileDefinition>();
        foreach (var (name, keyNode, value) in root.Entries())
        {
            var profile = new YamlMap(value, displayPath, $"profile '{name}'");
            var description = profile.OptionalString("description") ?? "";
            var all = IsEverything(profile.Get("services"));
            var services = all ? [] : profile.StringList("services");
            var locations = all ? [] : Yml.Items(profile.Get("services")).Select(item => new SourceLocation(displayPath, Yml.Line(item), Yml.Column(item))).ToList();
            var includes = profile.StringList("include");
            profile.RejectUnknownKeys();
            if (!all && services.Count == 0 && includes.Count == 0)
                throw profile.Error(keyNode, $"profile '{name}' lists no services and includes no profile");
            profiles.Add(new ProfileDefinition(name, description, services, includes, Yml.Line(keyNode)) { All = all, ServiceLocations = locations });
        }
        if (profiles.Count == 0)
            throw root.Error(root.Node, "profiles.yaml declares no profile");
        return profiles;
    }

    private static bool IsEverything(YamlNode? services) => services is YamlScalarNode { Value: Everything };
}
