using Arc.Platform.Yaml;

namespace Arc.Platform.Compose;

/// <summary>
/// Who a compose service's processes run as, from the files docker itself reads: the service's
/// <c>user:</c>, else the final USER of the Dockerfile it is built from. Null when neither says (an image's
/// own default, which only the image knows).
/// </summary>
public static class ContainerUserOf
{
    public static (string Text, string Where)? Find(ComposeService service, string composePath)
    {
        if (Yml.Text(service.Get("user")) is { } user)
            return (user, $"{service.File}:{Yml.Line(service.Get("user"))}");
        var build = service.Get("build");
        if (build is null)
            return null;
        var context = Yml.Text(build) ?? Yml.Text(Yml.Child(build, "context")) ?? ".";
        var name = Yml.Text(Yml.Child(build, "dockerfile")) ?? "Dockerfile";
        var dockerfile = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(composePath))!, context, name));
        if (!File.Exists(dockerfile))
            return null;
        var instruction = Dockerfile.Parse(File.ReadAllText(dockerfile)).FinalStage.LastOrDefault(i => i.Keyword == "USER");
        var shown = Path.GetRelativePath(".", Path.Combine(Path.GetDirectoryName(service.File) ?? "", context, name)).Replace('\\', '/');
        return instruction is null ? null : (instruction.Arguments.Trim(), $"{shown}:{instruction.Line}");
    }
}
