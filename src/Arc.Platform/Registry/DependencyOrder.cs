using Arc.Platform.Yaml;

namespace Arc.Platform.Registry;

/// <summary>Kahn's algorithm in layers: each layer depends only on earlier ones, so a layer may start in parallel.</summary>
public static class DependencyOrder
{
    /// <summary>
    /// Orders <paramref name="selected"/> plus everything they depend on. Throws a located
    /// <see cref="ConfigException"/> naming the services of a cycle.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<ServiceDefinition>> Layers(IReadOnlyList<ServiceDefinition> all, IReadOnlyList<string> selected)
    {
        var byCodename = all.ToDictionary(s => s.Codename, StringComparer.Ordinal);
        var wanted = new List<string>();
        foreach (var codename in selected)
            AddWithDependencies(codename, byCodename, wanted);
        var remaining = wanted.ToList();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var layers = new List<IReadOnlyList<ServiceDefinition>>();
        while (remaining.Count > 0)
        {
            var layer = remaining.Where(c => byCodename[c].DependsOn.All(placed.Contains)).ToList();
            if (layer.Count == 0)
                throw CycleError(remaining, byCodename);
            layers.Add([.. layer.Select(c => byCodename[c])]);
            placed.UnionWith(layer);
            remaining.RemoveAll(layer.Contains);
        }
        return layers;
    }

    private static void AddWithDependencies(string codename, Dictionary<string, ServiceDefinition> byCodename, List<string> wanted)
    {
        var stack = new Stack<string>([codename]);
        while (stack.Count > 0)
        {
            var next = stack.Pop();
            if (wanted.Contains(next) || !byCodename.TryGetValue(next, out var service))
                continue;
            wanted.Add(next);
            foreach (var dependency in service.DependsOn)
                stack.Push(dependency);
        }
    }

    private static ConfigException CycleError(List<string> stuck, Dictionary<string, ServiceDefinition> byCodename)
    {
        // Walk dependencies inside the stuck set until a codename repeats: that loop is the cycle.
        var path = new List<string> { stuck[0] };
        while (true)
        {
            var next = byCodename[path[^1]].DependsOn.First(stuck.Contains);
            var seen = path.IndexOf(next);
            path.Add(next);
            if (seen >= 0)
            {
                var cycle = path[seen..];
                var first = byCodename[cycle[0]];
                var at = first.Where("depends_on");
                return new ConfigException(at.File, at.Line, at.Column, $"dependency cycle: {string.Join(" -> ", cycle)}");
            }
        }
    }
}
