using System.Text.RegularExpressions;
using Arc.Platform.Registry;
using Arc.Platform.Yaml;
using FsCheck;
using FsCheck.Fluent;

namespace Arc.Platform.Tests.Registry;

/// <summary>
/// Property: whatever bytes sit in service.yaml or profiles.yaml, loading either yields a valid
/// registry or a ConfigException located as file:line:col — never any other exception.
/// </summary>
[Trait("Tier", "unit")]
public sealed class RegistryFuzzTests : IDisposable
{
    private static readonly string[] Targets = ["services/messaging/service.yaml", "services/cache/service.yaml", ServiceRegistry.ProfilesFile];
    private static readonly Regex Located = new(@"^services/[a-z/]+\.yaml:\d+:\d+: \S", RegexOptions.CultureInvariant);
    private static readonly string[] Fragments =
    [
        ":", ": ", "-", "- ", " ", "  ", "\t", "\n", "[", "]", "{", "}", ",", "'", "\"", "#", "&a", "*a", "!!str", "!!int", "|", ">",
        "~", "null", "0", "4222", "-1", "99999", "0x10", "1e9", "true", "port", "client", "health", "ports", "name", "---", "...", "%YAML 1.2",
        "?", "@", "`", "\\", "\u00e9", "\u0000", "\ufeff", "<<: *a",
    ];

    private readonly TempRepo _repo = TempRepo.CopyOfRealRepo();

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void MutatedRealFilesLoadOrFailWithALocatedMessage()
    {
        var originals = Targets.ToDictionary(t => t, _repo.Read);
        var mutations =
            from target in Gen.Elements(Targets)
            from edits in Gen.NonEmptyListOf(Edit())
            select (target, edits);

        Prop.ForAll(mutations.ToArbitrary(), m =>
        {
            var text = m.edits.Aggregate(originals[m.target], (t, edit) => edit(t));
            return LoadsOrFailsLocated(m.target, text, originals);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(3000));
    }

    [Fact]
    public void RandomTextLoadsOrFailsWithALocatedMessage()
    {
        var originals = Targets.ToDictionary(t => t, _repo.Read);
        var randomText = Gen.ListOf(Gen.Elements(Fragments)).Select(parts => string.Concat(parts));
        var cases =
            from target in Gen.Elements(Targets)
            from text in randomText
            select (target, text);

        Prop.ForAll(cases.ToArbitrary(), c => LoadsOrFailsLocated(c.target, c.text, originals))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    private bool LoadsOrFailsLocated(string target, string text, Dictionary<string, string> originals)
    {
        foreach (var (file, original) in originals)
            _repo.Write(file, file == target ? text : original);
        try
        {
            var registry = ServiceRegistry.Load(_repo.Root);
            return registry.Services.Count > 0 && registry.Profiles.Count > 0;
        }
        catch (ConfigException e)
        {
            return Located.IsMatch(e.Message) && e.Line >= 1 && e.Column >= 1;
        }
    }

    /// <summary>One textual mutation: insert a fragment, delete a span, duplicate or drop a line, re-indent, truncate.</summary>
    private static Gen<Func<string, string>> Edit() => Gen.OneOf(
        from at in Gen.Choose(0, 10_000)
        from fragment in Gen.Elements(Fragments)
        select (Func<string, string>)(t => t.Insert(at % (t.Length + 1), fragment)),
        from at in Gen.Choose(0, 10_000)
        from length in Gen.Choose(1, 12)
        select (Func<string, string>)(t => t.Length == 0 ? t : t.Remove(at % t.Length, Math.Min(length, t.Length - at % t.Length))),
        from line in Gen.Choose(0, 100)
        select (Func<string, string>)(t => Lines(t, lines => lines.Insert(line % lines.Count, lines[line % lines.Count]))),
        from line in Gen.Choose(0, 100)
        select (Func<string, string>)(t => Lines(t, lines => lines.RemoveAt(line % lines.Count))),
        from line in Gen.Choose(0, 100)
        from indent in Gen.Elements("", " ", "    ", "\t")
        select (Func<string, string>)(t => Lines(t, lines => lines[line % lines.Count] = indent + lines[line % lines.Count].TrimStart())),
        from at in Gen.Choose(0, 10_000)
        select (Func<string, string>)(t => t[..(at % (t.Length + 1))]));

    private static string Lines(string text, Action<List<string>> change)
    {
        var lines = text.Split('\n').ToList();
        change(lines);
        return string.Join('\n', lines);
    }
}
