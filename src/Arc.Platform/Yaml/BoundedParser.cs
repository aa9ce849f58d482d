using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Arc.Platform.Yaml;

/// <summary>
/// Passes parsing events through while enforcing <see cref="YamlLimits"/>, before the representation
/// model (which recurses per level) sees them. Each limit is a located <see cref="ConfigException"/>.
/// Also remembers where the last event started, so YamlDotNet errors without a location still get one.
/// </summary>
internal sealed class BoundedParser(IParser inner, string file) : IParser
{
    // Expanded node count of each open collection, innermost last, with its anchor.
    private readonly List<(AnchorName Anchor, long Nodes)> _open = [];
    private readonly Dictionary<string, long> _anchorNodes = new(StringComparer.Ordinal);
    private long _nodes;

    public Mark LastPosition { get; private set; } = Mark.Empty;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
            return false;
        var current = inner.Current!;
        LastPosition = current.Start;
        switch (current)
        {
            case DocumentStart:
                _anchorNodes.Clear();
                break;
            case MappingStart or SequenceStart:
                if (_open.Count >= YamlLimits.MaxDepth)
                    throw Error(current, $"nested more than {YamlLimits.MaxDepth} levels deep");
                Count(1, current);
                _open.Add((((NodeEvent)current).Anchor, 1));
                break;
            case MappingEnd or SequenceEnd:
                Close();
                break;
            case Scalar scalar:
                if (scalar.Value.Length > YamlLimits.MaxScalarLength)
                    throw Error(current, $"value is longer than {YamlLimits.MaxScalarLength / 1024} KiB");
                Count(1, current);
                AddToInnermost(1);
                Remember(scalar.Anchor, 1);
                break;
            case AnchorAlias alias:
                // Only an anchor whose node is complete may be repeated: a node containing its own alias is a cycle.
                if (!_anchorNodes.TryGetValue(alias.Value.Value, out var repeated))
                    throw Error(current, $"alias '*{alias.Value.Value}' refers to no complete anchor before it");
                Count(repeated, current);
                AddToInnermost(repeated);
                break;
        }
        return true;
    }

    private void Count(long nodes, ParsingEvent at)
    {
        _nodes += nodes;
        if (_nodes > YamlLimits.MaxNodes)
            throw Error(at, $"document expands to more than {YamlLimits.MaxNodes} nodes (each alias counts as the nodes it repeats)");
    }

    private void AddToInnermost(long nodes)
    {
        if (_open.Count > 0)
            _open[^1] = (_open[^1].Anchor, _open[^1].Nodes + nodes);
    }

    private void Close()
    {
        if (_open.Count == 0)
            return;
        var (anchor, nodes) = _open[^1];
        _open.RemoveAt(_open.Count - 1);
        Remember(anchor, nodes);
        AddToInnermost(nodes);
    }

    private void Remember(AnchorName anchor, long nodes)
    {
        if (!anchor.IsEmpty)
            _anchorNodes[anchor.Value] = nodes;
    }

    private ConfigException Error(ParsingEvent at, string reason) =>
        new(file, Math.Max(1, (int)at.Start.Line), Math.Max(1, (int)at.Start.Column), reason);
}
