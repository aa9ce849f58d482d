using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Arc.Platform.Tests.Yaml;

/// <summary>
/// Cheap structural mutations of a real configuration file, made on its text line by line so
/// generating a case costs microseconds: a value replaced by a hostile one (deep nesting, an alias
/// chain or bomb, the wrong node type, a huge or odd scalar), a line re-indented, duplicated or
/// dropped, a non-UTF-8 byte inserted. The result is bytes, written to a file and read back.
/// </summary>
public static class StructuralMutations
{
    private static readonly string[] HostileValues =
    [
        HostileYamlValues.Nested(70), HostileYamlValues.Nested(5), "{a: {b: {c: [d]}}}", "[x, [y, [z]]]", "{}", "[]",
        HostileYamlValues.AliasChain(4), HostileYamlValues.InlineBomb, "*undefined", "&a [x, *a]", "&a x", "*a",
        "~", "null", "''", "\"\"", "\"4222\"", "'4222'", "-1", "0", "99999999999999999999", "1e9", "0x10", "true", "4222.5",
        "!!binary aGVsbG8=", "!!int x", "!custom x", "|\n  block", ">\n  folded", "\"\\u0000\"", "\"\\uD800\"",
        "- a\n- b", "a: b", "? [k]\n: v", "<<: *a", "\t", "#", "'unclosed", "[unclosed", "{a: 1, a: 2}",
    ];

    /// <summary>One or more mutations applied to <paramref name="original"/>.</summary>
    public static Gen<byte[]> Of(string original)
    {
        var lines = original.Split('\n');
        return from edits in Gen.NonEmptyListOf(Edit(lines.Length)).Select(e => e.Take(3).ToArray())
               from invalidAt in Gen.Frequency((9, Gen.Constant(-1)), (1, Gen.Choose(0, 1 << 20)))
               select Apply(lines, edits, invalidAt);
    }

    // Weighted so the costly cases (deep nesting, huge values, bombs: tens of milliseconds each) stay a small share.
    private static Gen<Func<List<string>, List<string>>> Edit(int lineCount) => Gen.Frequency(
        (40, from line in Gen.Choose(0, lineCount - 1)
             from value in Gen.Elements(HostileValues)
             select (Func<List<string>, List<string>>)(l => With(l, line, ReplaceValue(l[line % l.Count], value)))),
        (10, from line in Gen.Choose(0, lineCount - 1)
             from indent in Gen.Elements("", " ", "  ", "      ", "\t")
             select (Func<List<string>, List<string>>)(l => With(l, line, indent + l[line % l.Count].TrimStart()))),
        (10, from line in Gen.Choose(0, lineCount - 1)
             select (Func<List<string>, List<string>>)(l => { l.Insert(line % l.Count, l[line % l.Count]); return l; })),
        (10, from line in Gen.Choose(0, lineCount - 1)
             select (Func<List<string>, List<string>>)(l => { l.RemoveAt(line % l.Count); return l.Count == 0 ? [""] : l; })),
        (1, from depth in Gen.Choose(60, 5_000)
            select (Func<List<string>, List<string>>)(l => { l.Add(HostileYaml.DeepFlow(depth, "x-deep")); return l; })),
        (1, from line in Gen.Choose(0, lineCount - 1)
            select (Func<List<string>, List<string>>)(l => With(l, line, ReplaceValue(l[line % l.Count], HostileYamlValues.Huge)))),
        (1, Gen.Constant((Func<List<string>, List<string>>)(l => { l.Insert(0, HostileYaml.AliasBomb()); return l; }))));

    private static List<string> With(List<string> lines, int line, string text)
    {
        lines[line % lines.Count] = text;
        return lines;
    }

    /// <summary>The line with its value (after the first ": " or "- ") replaced; a line without one gets the value appended.</summary>
    private static string ReplaceValue(string line, string value)
    {
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        var dash = line.TrimStart().StartsWith("- ", StringComparison.Ordinal) ? line.IndexOf("- ", StringComparison.Ordinal) : -1;
        var cut = colon >= 0 ? colon + 2 : dash >= 0 ? dash + 2 : line.EndsWith(':') ? line.Length : -1;
        return cut < 0 ? line + value : line[..cut] + (cut == line.Length ? " " : "") + value;
    }

    private static byte[] Apply(string[] lines, Func<List<string>, List<string>>[] edits, int invalidAt)
    {
        var text = string.Join('\n', edits.Aggregate(lines.ToList(), (l, edit) => edit(l)));
        var bytes = Encoding.UTF8.GetBytes(text);
        if (invalidAt < 0 || bytes.Length == 0)
            return bytes;
        var at = invalidAt % bytes.Length;
        return [.. bytes[..at], 0xC3, 0x28, .. bytes[at..]];
    }
}

/// <summary>Hostile values that fit where one value goes.</summary>
internal static class HostileYamlValues
{
    public static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    /// <summary>Anchors defined and repeated inside one flow value: each level lists the previous level nine times.</summary>
    public static string AliasChain(int levels)
    {
        var items = new List<string> { "&v0 [x]" };
        for (var i = 1; i < levels; i++)
            items.Add($"&v{i} [{string.Join(", ", Enumerable.Repeat($"*v{i - 1}", 9))}]");
        return $"[{string.Join(", ", items)}]";
    }

    public static readonly string InlineBomb = AliasChain(9);

    public static readonly string Huge = new('x', 70_000);
}
