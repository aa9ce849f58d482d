namespace Arc.Platform.Yaml;

/// <summary>
/// Bounds on one YAML document, far above any real configuration file and far below what would
/// exhaust the stack, the memory or the patience of whoever runs <c>arc</c>.
/// </summary>
public static class YamlLimits
{
    /// <summary>Nested mappings and sequences; our deepest file (a workflow) nests about ten.</summary>
    public const int MaxDepth = 64;

    /// <summary>Nodes after alias expansion: each alias counts as the nodes it repeats, so a 2 KB alias bomb stops here.</summary>
    public const long MaxNodes = 200_000;

    /// <summary>Characters in one scalar.</summary>
    public const int MaxScalarLength = 64 * 1024;
}
