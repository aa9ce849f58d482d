using System.CommandLine;
using System.Text;
using System.Text.Json;
using Arc.Platform.Kubernetes;
using Arc.Platform.Technologies;

namespace Arc.Cli.Commands;

/// <summary>`arc k8s render`: the registry as values and manifests for the official Helm charts, and an install script.</summary>
internal static class K8sCommand
{
    public static Command Create(GlobalOptions globals, TechnologyCatalog technologies)
    {
        var profile = new ChoiceOption<KubernetesProfile>("--profile", KubernetesHelp.Profile(technologies),
            [("one-node", KubernetesProfile.OneNode), ("ha", KubernetesProfile.Ha)], "one-node",
            word => $"--profile {word}: must be one-node or ha");
        var output = new Option<string>("--out") { Description = "Directory to write into (created; files of the same name are replaced)", HelpName = "DIR", Required = true };
        // A path the file system cannot name (a NUL byte) is a usage error, not a crash in Path.GetFullPath.
        output.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && result.Tokens[^1].Value is { } word && (word.Length == 0 || word.Contains('\0')))
                result.AddError("--out: a directory path, without NUL bytes");
        });
        var render = new Command("render", KubernetesHelp.Render(technologies))
        {
            profile, output,
        };
        CommandRunner.Bind(render, globals, async (context, parse, _) =>
        {
            var registry = context.LoadRegistry();
            await using var technologies = context.Services.CreateTechnologies();
            var rendering = KubernetesRender.Render(registry, technologies, profile.ValueIn(parse));
            var directory = KubernetesRender.WriteInto(rendering, parse.GetValue(output)!);
            await context.Out.WriteAsync(context.Json ? Json(rendering, directory) : Text(rendering, directory));
            return ExitCodes.Success;
        });
        return new Command("k8s", KubernetesHelp.Command(technologies)) { render };
    }

    private static string Text(KubernetesRendering rendering, string directory)
    {
        var text = new StringBuilder($"rendered profile {rendering.Profile.Word()} into {directory}\n");
        foreach (var release in rendering.Releases)
            text.Append($"  {release.Release}: {release.Chart.Reference} {release.Chart.Version} ({release.Service}){Manifests(release)}\n");
        foreach (var release in rendering.Releases)
            foreach (var note in release.Notes)
                text.Append($"note: {release.Release}: {note}\n");
        foreach (var skip in rendering.Skipped)
            text.Append($"skipped: {skip.Codename}: {skip.Reason}\n");
        text.Append($"install: {Path.Combine(directory, KubernetesRender.InstallScriptFile)} (NAMESPACE={KubernetesNamespace.Default} unless set)\n");
        return text.ToString();
    }

    private static string Manifests(ChartRelease release) =>
        release.Manifests.Count == 0 ? "" : " + " + string.Join(", ", release.Manifests.Select(m => m.FileName));

    private static string Json(KubernetesRendering rendering, string directory)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("profile", rendering.Profile.Word());
            json.WriteString("out", directory);
            json.WriteStartArray("releases");
            foreach (var release in rendering.Releases)
            {
                json.WriteStartObject();
                json.WriteString("release", release.Release);
                json.WriteString("service", release.Service);
                json.WriteString("chart", release.Chart.Reference);
                json.WriteString("version", release.Chart.Version);
                json.WriteString("repository", release.Chart.RepositoryUrl);
                WriteStrings(json, "manifests", release.Manifests.Select(m => m.FileName));
                WriteStrings(json, "notes", release.Notes);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            WriteStrings(json, "files", rendering.Files.Select(f => f.RelativePath));
            json.WriteStartArray("skipped");
            foreach (var skip in rendering.Skipped)
            {
                json.WriteStartObject();
                json.WriteString("codename", skip.Codename);
                json.WriteString("reason", skip.Reason);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
            json.WriteStringValue(value);
        json.WriteEndArray();
    }
}
