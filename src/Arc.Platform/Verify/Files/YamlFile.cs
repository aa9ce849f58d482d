using Arc.Platform.Compose;
using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Verify.Files;

/// <summary>A YAML file whose nodes keep their positions, plus its raw lines for comment checks.</summary>
public sealed class YamlFile(YamlNode? root, IReadOnlyList<string> lines)
{
    public YamlNode? Root { get; } = root;
    public IReadOnlyList<string> Lines { get; } = lines;

    /// <summary>Comment text of every line holding a <c>#</c> comment (whole-line or trailing).</summary>
    public IEnumerable<Comment> Comments =>
        Lines.Select((line, i) => (line, i)).Where(x => x.line.TrimStart().StartsWith('#') || x.line.Contains(" #", StringComparison.Ordinal))
            .Select(x => new Comment(x.line[(x.line.IndexOf('#') + 1)..].Trim(), x.i + 1));
}
