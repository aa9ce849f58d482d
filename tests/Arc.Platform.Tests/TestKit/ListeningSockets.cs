using System.Text.RegularExpressions;

namespace Arc.Platform.Tests.TestKit;

/// <summary>The TCP addresses a process listens on, read from <c>ss -ltnp</c> (what an operator would check).</summary>
public static partial class ListeningSockets
{
    public static IReadOnlyList<string> Of(int pid)
    {
        var output = KitProcess.Run("ss", "-ltnpH").Out;
        return [.. output.Split('\n')
            .Where(line => line.Contains($"pid={pid},", StringComparison.Ordinal))
            .Select(line => Columns().Split(line.Trim())[3])];
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Columns();
}
