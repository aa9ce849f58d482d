using Arc.Platform.Consumers;
using Arc.Platform.Technologies;
using Arc.Platform.Verify.Files;
using Arc.Platform.Yaml;
using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Verify.Rules;

/// <summary>
/// Every name a server would refuse only at `up` is found where it is declared — in each service's own
/// declared-resource file and in services/consumers.yaml — each at its own line, by the rules each
/// technology registers (<see cref="INameRules"/>). Reads the files as plain YAML, so every bad name is
/// listed, not only the first one the strict loaders stop at.
/// </summary>
public sealed class NamesWellFormed(IReadOnlyList<INameRules> technologies) : Rule
{
    public override string Id => "names-well-formed";
    public override string Description => $"{string.Join(" and ", technologies.Select(t => t.NamesChecked))} are ones the servers accept";

    public override IEnumerable<Violation> Check(RepoSnapshot repo)
    {
        var violations = new List<Violation>();
        foreach (var service in repo.Services)
            if (repo.Technologies.Find(service.Tech) is INameRules names && technologies.Contains(names))
                Each(repo, DeclaredFile.Of(service, names.NamesFile).DisplayPath, violations, names.DeclaredNames);
        Each(repo, ConsumersFile.RelativePath, violations, root =>
            Yml.Child(root, "consumers") is YamlMappingNode consumers
                ? consumers.Children.Values.SelectMany(consumer => technologies.SelectMany(t => t.ConsumerNames(consumer)))
                : []);
        return violations;
    }

    /// <summary>The problems <paramref name="names"/> finds in <paramref name="file"/>; a file that is absent or not YAML is the loaders' rules' to report.</summary>
    private void Each(RepoSnapshot repo, string file, List<Violation> violations, Func<YamlNode, IEnumerable<(YamlNode Node, string? Problem)>> names)
    {
        if (!repo.Exists(file) || repo.Yaml(file).Value is not YamlFile yaml || yaml.Root is null)
            return;
        foreach (var (node, problem) in names(yaml.Root))
            if (problem is not null)
                violations.Add(At(file, Yml.Line(node), problem));
    }
}
