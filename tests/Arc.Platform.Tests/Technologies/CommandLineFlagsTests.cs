using Xunit;
using Arc.Platform.Technologies;

namespace Arc.Platform.Tests.Technologies;

[Trait("Tier", "unit")]
public class CommandLineFlagsTests
{
    [Fact]
    public void Set_replaces_a_value_in_place_under_any_alias()
    {
        var flags = new CommandLineFlags(["--jetstream", "-p", "4222", "--store_dir=/data"]);

        flags.Set("5000", "--port", "-p");
        flags.Set("/tmp/x", "--store_dir", "-sd");

        Assert.Equal(["--jetstream", "-p", "5000", "--store_dir=/tmp/x"], flags.Arguments);
    }

    [Fact]
    public void Remove_drops_every_spelling_with_its_value_and_leaves_the_rest()
    {
        var flags = new CommandLineFlags(["--aclfile", "/a", "--appendonly", "yes", "--aclfile=/b", "--maxmemory", "1mb", "--aclfile"]);

        flags.Remove("--aclfile");

        Assert.Equal(["--appendonly", "yes", "--maxmemory", "1mb"], flags.Arguments);
    }

    [Fact]
    public void Set_appends_a_flag_that_is_absent()
    {
        var flags = new CommandLineFlags(["--appendonly", "yes"]);

        flags.Set("", "--logfile");

        Assert.Equal(["--appendonly", "yes", "--logfile", ""], flags.Arguments);
    }

    [Fact]
    public void Pairs_reads_valued_and_bare_flags()
    {
        var pairs = CommandLineFlags.Pairs(["--jetstream", "--port", "4222", "--x=1"]);

        Assert.Equal("", pairs["--jetstream"]);
        Assert.Equal("4222", pairs["--port"]);
        Assert.Equal("1", pairs["--x"]);
    }
}
