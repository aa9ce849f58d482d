using Arc.Platform.Yaml;
using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Compose;

/// <summary>A service's mount of a compose secret: where the container sees it (default <c>/run/secrets/NAME</c>).</summary>
public sealed record SecretMount(ComposeService Service, string Target, int Line);

/// <summary>
/// One entry of a compose file's top-level <c>secrets:</c>: its <c>file:</c> (as written, and resolved against
/// the compose file's directory, as compose does), whether it carries a literal <c>content:</c>, and the
/// services that mount it.
/// </summary>
public sealed record ComposeSecret(string Name, int Line, string? File, string? FullPath, YamlNode? Content, IReadOnlyList<SecretMount> Mounts)
{
    public const string DefaultDirectory = "/run/secrets/";

    /// <summary>Every top-level secret of <paramref name="compose"/>, whose file lives at <paramref name="composePath"/>.</summary>
    public static IReadOnlyList<ComposeSecret> Of(ComposeFile compose, string composePath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(composePath))!;
        var mounts = compose.Services.SelectMany(MountsOf).ToList();
        return [.. Yml.Entries(compose.TopLevel("secrets")).Select(e =>
        {
            var file = Yml.Text(Yml.Child(e.Value, "file"));
            return new ComposeSecret(e.Key, Yml.Line(e.KeyNode), file, file is null ? null : Path.GetFullPath(Path.Combine(directory, file)),
                Yml.Child(e.Value, "content"), [.. mounts.Where(m => m.Source == e.Key).Select(m => m.Mount)]);
        })];
    }

    /// <summary>A service's <c>secrets:</c> list: a name, or <c>{source, target}</c> (a relative target lands under /run/secrets/).</summary>
    private static IEnumerable<(string Source, SecretMount Mount)> MountsOf(ComposeService service)
    {
        foreach (var item in Yml.Items(service.Get("secrets")))
        {
            var source = Yml.Text(item) ?? Yml.Text(Yml.Child(item, "source"));
            if (source is null)
                continue;
            var target = Yml.Text(Yml.Child(item, "target")) ?? source;
            yield return (source, new SecretMount(service, target.StartsWith('/') ? target : DefaultDirectory + target, Yml.Line(item)));
        }
    }
}
