using Arc.Platform.Verify.Files;

namespace Arc.Platform.Tests.Verify.Files;

[Trait("Tier", "unit")]
public sealed class MakeFileParserTests
{
    private const string Text = "CODENAME := flash\n"
        + "include services/*.mk\n"
        + "-include $(wildcard services/*/*.mk)\n"
        + ".PHONY: $(CODENAME)-up \\\n  $(CODENAME)-down\n"
        + "## flash-up: start it\n"
        + "$(CODENAME)-up: dep ## inline comment\n"
        + "\t@echo up\n"
        + "\t$(ARC) up flash\n"
        + "flash-down:; echo down\n";

    [Fact]
    public void Targets_phony_help_lines_and_includes_are_read_with_variables_expanded()
    {
        var make = MakeFile.Parse(Text);

        var up = make.Target("flash-up")!;
        Assert.Equal(7, up.Line);
        Assert.Equal(["@echo up", "$(ARC) up flash"], up.Recipe);
        Assert.Equal(["echo down"], make.Target("flash-down")!.Recipe);
        Assert.Equal(["flash-up", "flash-down"], make.Phony.Keys.ToArray());
        Assert.Equal(6, make.HelpLines["flash-up"]);
        Assert.Equal(["services/*.mk", "services/*/*.mk"], make.Includes.Select(i => i.Pattern).ToArray());
    }

    [Fact]
    public void Globs_match_within_one_path_segment()
    {
        Assert.True(Globbing.Matches("*.mk", "flash.mk"));
        Assert.False(Globbing.Matches("*.mk", "flash.mkx"));
        Assert.True(Globbing.Matches("?.mk", "a.mk"));
    }
}
