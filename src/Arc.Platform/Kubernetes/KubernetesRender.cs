using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Kubernetes;

/// <summary>A file of the render, relative to the output directory.</summary>
public sealed record RenderedFile(string RelativePath, string Content, bool Executable = false);

/// <summary>A service left out of the render, and why.</summary>
public sealed record RenderSkip(string Codename, string Reason);

/// <summary>What `arc k8s render` writes: every release's values and manifests, and the install script.</summary>
public sealed record KubernetesRendering(KubernetesProfile Profile, IReadOnlyList<ChartRelease> Releases, IReadOnlyList<RenderedFile> Files, IReadOnlyList<RenderSkip> Skipped);

/// <summary>
/// Renders the registry for the official charts: for every service whose technology runs on
/// Kubernetes, its releases (values + manifests, one directory per release) and one install.sh
/// that installs them in order. Nothing of a chart itself is written: helm fetches the charts.
/// </summary>
public static class KubernetesRender
{
    public const string ValuesFile = "values.yaml";
    public const string InstallScriptFile = "install.sh";

    public static KubernetesRendering Render(ServiceRegistry registry, TechnologyCatalog technologies, KubernetesProfile profile)
    {
        var releases = new List<ChartRelease>();
        var skipped = new List<RenderSkip>();
        var all = registry.Services;
        foreach (var service in DependencyOrder.Layers(all, [.. all.Select(s => s.Codename)]).SelectMany(layer => layer))
        {
            if (technologies.For(service) is IRunsOnKubernetes runs)
                releases.AddRange(runs.Charts.Releases(service, profile));
            else
                skipped.Add(new RenderSkip(service.Codename, $"tech '{service.Tech}' has no Kubernetes chart in arc"));
        }
        var files = new List<RenderedFile>();
        foreach (var release in releases)
        {
            files.Add(new RenderedFile($"{release.Release}/{ValuesFile}", ValuesHeader(release, profile) + YamlTree.Write(release.Values)));
            files.AddRange(release.Manifests.Select(m => new RenderedFile($"{release.Release}/{m.FileName}", m.Yaml)));
        }
        files.Add(new RenderedFile(InstallScriptFile, InstallScript.Render(releases, profile), Executable: true));
        return new KubernetesRendering(profile, releases, files, skipped);
    }

    /// <summary>
    /// `arc k8s render --out DIR`: writes the files under <paramref name="output"/> and returns its full path.
    /// A file in its place, or a directory arc may not write, is a usage error naming it.
    /// </summary>
    public static string WriteInto(KubernetesRendering rendering, string output)
    {
        var directory = Path.GetFullPath(output);
        if (File.Exists(directory))
            throw new UsageException($"--out {directory}: is a file, not a directory");
        try
        {
            WriteTo(rendering, directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--out {directory}: cannot write there: {e.Message}");
        }
        return directory;
    }

    /// <summary>
    /// Writes the files under <paramref name="directory"/>. Files of an earlier render that this one
    /// no longer has are not deleted: the directory may hold the user's own files.
    /// </summary>
    public static void WriteTo(KubernetesRendering rendering, string directory)
    {
        foreach (var file in rendering.Files)
        {
            var path = Path.Combine(directory, file.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Content);
            if (file.Executable && !OperatingSystem.IsWindows())
                File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
    }

    private static string ValuesHeader(ChartRelease release, KubernetesProfile profile) =>
        $"# Values for the {release.Chart.Reference} chart {release.Chart.Version} (release {release.Release}, service {release.Service}),\n" +
        $"# written by `arc k8s render --profile {profile.Word()}` from services/: re-render rather than edit.\n";
}
