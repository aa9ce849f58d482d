using Arc.Platform.Yaml;

namespace Arc.Platform.Registry;

/// <summary>Parses services/profiles.yaml: <c>profiles: {name: {description, services, include}}</c>.</summary>
internal static class ProfileReader
{
    public static List<ProfileDefinition> Read(string path, string displayPath)
    {
        var root = new YamlMap(YamlDocumentLoader.LoadRoot(path, displayPath), displayPath, "profiles.yaml");
        var profilesMap = root.RequireMap("profiles", "'profiles'");
        root.RejectUnknownKeys();
        var profiles = new List<ProfileDefinition>();
        foreach (var (name, keyNode, value) in profilesMap.Entries())
        {
            var profile = new YamlMap(value, displayPath, $"profile '{name}'");
            var description = profile.OptionalString("description") ?? "";
            var services = profile.StringList("services");
            var includes = profile.StringList("include");
            profile.RejectUnknownKeys();
            if (services.Count == 0 && includes.Count == 0)
                throw profile.Error(keyNode, $"profile '{name}' lists no services and includes no profile");
            profiles.Add(new ProfileDefinition(name, description, services, includes, Yml.Line(keyNode)));
        }
        return profiles;
    }
}
