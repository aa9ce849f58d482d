using Arc.Platform.Yaml;

namespace Arc.Platform.Tests.Yaml;

/// <summary>Each bound of the one YAML reader is refused with a located error, before it can crash, hang or exhaust memory.</summary>
[Trait("Tier", "unit")]
public sealed class YamlLoaderLimitsTests : IDisposable
{
    private const string File = "services/x/service.yaml";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static ConfigException Parse(string text) => Assert.Throws<ConfigException>(() => YamlDocumentLoader.ParseRoot(text, File));

    private ConfigException Load(string path) => Assert.Throws<ConfigException>(() => YamlDocumentLoader.LoadRoot(path, File));

    [Theory]
    [InlineData(65)]
    [InlineData(60_000)]
    public void Flow_nesting_past_the_limit_is_located_where_it_crosses(int depth)
    {
        var error = Parse(HostileYaml.DeepFlow(depth));

        Assert.Equal((File, 1, 8 + YamlLimits.MaxDepth - 1), (error.File, error.Line, error.Column));
        Assert.Contains($"nested more than {YamlLimits.MaxDepth} levels", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Block_nesting_past_the_limit_is_located_at_its_line()
    {
        var error = Parse(HostileYaml.DeepBlock(200));

        Assert.Contains("nested more than", error.Reason, StringComparison.Ordinal);
        Assert.InRange(error.Line, YamlLimits.MaxDepth, YamlLimits.MaxDepth + 2);
    }

    [Fact]
    public void Nesting_at_the_limit_loads()
    {
        Assert.NotNull(YamlDocumentLoader.ParseRoot(HostileYaml.DeepFlow(YamlLimits.MaxDepth - 1), File));
    }

    [Fact]
    public void An_alias_bomb_is_refused_at_the_alias_that_crosses_the_node_limit()
    {
        var bomb = HostileYaml.AliasBomb();
        Assert.True(bomb.Length < 2048);

        var error = Parse(bomb);

        Assert.Contains($"more than {YamlLimits.MaxNodes} nodes", error.Reason, StringComparison.Ordinal);
        Assert.InRange(error.Line, 2, 10);
    }

    [Fact]
    public void Aliases_that_stay_small_load_as_before()
    {
        var root = YamlDocumentLoader.ParseRoot("base: &b {x: 1}\nuse: [*b, *b]\n", File);

        Assert.Equal("1", Yml.Text(Yml.Path(Yml.Items(Yml.Child(root, "use"))[1], "x")));
    }

    [Theory]
    [InlineData(HostileYaml.RecursiveAlias, 1, 14)]
    [InlineData(HostileYaml.UndefinedAlias, 1, 8)]
    public void An_alias_to_no_complete_anchor_is_located(string text, int line, int column)
    {
        var error = Parse(text);

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains("refers to no complete anchor", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_scalar_is_refused_at_its_start()
    {
        var error = Parse("name: ok\n" + HostileYaml.HugeScalar(YamlLimits.MaxScalarLength + 1));

        Assert.Equal((2, 8), (error.Line, error.Column));
        Assert.Contains("longer than", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_past_the_size_limit_is_refused_without_parsing()
    {
        var path = Path.Combine(_dir.Path, "big.yaml");
        System.IO.File.WriteAllText(path, string.Concat(Enumerable.Repeat("k: v\n", (Arc.Platform.Text.BoundedFile.MaxBytes / 5) + 1)));

        var error = Load(path);

        Assert.Equal((File, 1, 1), (error.File, error.Line, error.Column));
        Assert.Contains("larger than", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_byte_that_is_not_UTF8_is_located()
    {
        var path = Path.Combine(_dir.Path, "latin1.yaml");
        System.IO.File.WriteAllBytes(path, HostileYaml.InvalidUtf8);

        var error = Load(path);

        Assert.Equal((2, 9), (error.Line, error.Column));
        Assert.Contains("not UTF-8", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_UTF8_byte_order_mark_is_accepted()
    {
        var path = Path.Combine(_dir.Path, "bom.yaml");
        System.IO.File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "name: ok\n"u8]);

        Assert.Equal("ok", Yml.Text(Yml.Child(YamlDocumentLoader.LoadRoot(path, File), "name")));
    }

    [Fact]
    public async Task A_fifo_is_refused_without_waiting_for_a_writer()
    {
        var path = Path.Combine(_dir.Path, "fifo.yaml");
        HostileYaml.MakeFifo(path);

        // Run aside so a regression shows as a failed test rather than a test run that never ends.
        var error = await Task.Run(() => Load(path)).WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Contains("FIFO", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_device_is_refused_without_reading_it()
    {
        var error = Load("/dev/zero");

        Assert.Equal((File, 1, 1), (error.File, error.Line, error.Column));
        Assert.Contains("is a device", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_is_refused()
    {
        Assert.Contains("is a directory", Load(_dir.Sub("service.yaml")).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_socket_is_refused()
    {
        var path = Path.Combine(_dir.Path, "s.yaml");
        using var socket = HostileYaml.MakeSocket(path);

        Assert.Contains("is a socket", Load(path).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_says_so()
    {
        Assert.Equal("file not found", Load(Path.Combine(_dir.Path, "absent.yaml")).Reason);
    }

    [Fact]
    public void A_repeated_key_is_located()
    {
        var error = Parse("name: a\nport: 1\nname: b\n");

        Assert.Equal((3, 1), (error.Line, error.Column));
        Assert.Contains("Duplicate key", error.Reason, StringComparison.Ordinal);
    }
}
