using System.Text.Json;
using System.Text.Json.Nodes;
using Arc.Platform.Drivers.Native;
using FsCheck;
using FsCheck.Fluent;

namespace Arc.Platform.Tests.Drivers.Native;

/// <summary>
/// Generated run records (valid ones mutated field by field, and raw text): each reads as a complete
/// record or as a clear problem naming the file, never as an exception.
/// </summary>
[Trait("Tier", "unit")]
public sealed class RunRecordFuzzTests
{
    private const int Cases = 10_000;
    private const string File = "/x/.arc/run/sonic.json";

    private static readonly string Valid = JsonSerializer.Serialize(new NativeRunRecord("sonic",
        new ProcessRecord("sonic", 42, 1234, "/usr/bin/dash", ["--port", "6379"], "arc", DateTimeOffset.UnixEpoch, "/usr/bin/redis-check-rdb"),
        new Dictionary<string, int> { ["client"] = 6379 },
        [new ProcessRecord("exporter", 43, 1235, "/usr/bin/dash", [], "arc", DateTimeOffset.UnixEpoch, "/usr/bin/prometheus-redis-exporter")]),
        NativeStateJsonContext.Default.NativeRunRecord);

    private static readonly JsonNode?[] Replacements =
        [null, JsonValue.Create(""), JsonValue.Create(-1), JsonValue.Create(0), JsonValue.Create(long.MaxValue), JsonValue.Create(1e300),
         JsonValue.Create("relative/path"), JsonValue.Create("\0"), JsonValue.Create(true), new JsonArray(), new JsonObject(),
         new JsonArray(JsonValue.Create(1), null), JsonValue.Create(new string('x', 10_000)), JsonValue.Create("2026-13-45")];

    [Fact]
    public void The_valid_record_reads_back()
    {
        var read = RunRecordStore.Parse(Valid, "sonic", File);

        Assert.Null(read.Problem);
        Assert.Equal(42, read.Record!.Server.Pid);
    }

    [Fact]
    public void Every_field_replaced_by_any_value_or_removed_is_a_record_or_a_clear_problem()
    {
        var paths = Paths(JsonNode.Parse(Valid)!, "").ToList();
        var cases = Gen.Choose(0, paths.Count - 1).Zip(Gen.Choose(0, Replacements.Length)).Select(p => (Path: paths[p.Item1], Replacement: p.Item2));

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var node = JsonNode.Parse(Valid)!;
            Mutate(node, c.Path, c.Replacement);
            AssertRecordOrProblem(node.ToJsonString());
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(Cases));
    }

    [Fact]
    public void Any_text_and_any_truncation_of_a_record_is_a_record_or_a_clear_problem()
    {
        var truncations = Gen.Choose(0, Valid.Length).Select(n => Valid[..n]);
        var noise = ArbMap.Default.GeneratorFor<string>().Where(s => s is not null);
        var splices = Gen.Choose(0, Valid.Length).Zip(noise).Select(p => Valid[..p.Item1] + p.Item2 + Valid[p.Item1..]);

        Prop.ForAll(Gen.OneOf(truncations, noise, splices).ToArbitrary(), AssertRecordOrProblem)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(Cases));
    }

    private static void AssertRecordOrProblem(string text)
    {
        var read = RunRecordStore.Parse(text, "sonic", File);
        Assert.True((read.Record is null) != (read.Problem is null), "exactly one of record and problem");
        if (read.Problem is { } problem)
            Assert.StartsWith($"{File}: unreadable run record (", problem);
        else
            Assert.True(read.Record!.Server.Pid > 0 && read.Record.Server.Executable.StartsWith('/'));
    }

    private static IEnumerable<string> Paths(JsonNode node, string prefix)
    {
        yield return prefix;
        var children = node switch
        {
            JsonObject o => o.Select(p => (p.Key, p.Value)),
            JsonArray a => a.Select((v, i) => (i.ToString(), v)),
            _ => [],
        };
        foreach (var (key, child) in children)
        {
            if (child is null)
                continue;
            foreach (var path in Paths(child, $"{prefix}/{key}"))
                yield return path;
        }
    }

    /// <summary>Replaces the node at the path (index == Replacements.Length removes it instead).</summary>
    private static void Mutate(JsonNode root, string path, int replacement)
    {
        if (path.Length == 0)
            return;
        var keys = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var parent = keys[..^1].Aggregate(root, (node, key) => node is JsonArray a ? a[int.Parse(key)]! : node[key]!);
        var last = keys[^1];
        var value = replacement < Replacements.Length ? Replacements[replacement]?.DeepClone() : null;
        if (parent is JsonArray array)
        {
            if (replacement == Replacements.Length)
                array.RemoveAt(int.Parse(last));
            else
                array[int.Parse(last)] = value;
        }
        else if (replacement == Replacements.Length)
            parent.AsObject().Remove(last);
        else
            parent[last] = value;
    }
}
