using System.CommandLine;
using Arc.Cli.Commands;

namespace Arc.Platform.Tests.Cli.Commands;

[Trait("Tier", "unit")]
public sealed class ChoiceOptionTests
{
    public enum Colour { Red, Green }

    private static readonly ChoiceOption<Colour> Option = new("--colour", "the colour",
        [("red", Colour.Red), ("green", Colour.Green)], "green", word => $"--colour {word}: must be red or green");

    private static ParseResult Parse(params string[] args) => new RootCommand { Option }.Parse(args);

    [Theory]
    [InlineData(new[] { "--colour", "red" }, Colour.Red)]
    [InlineData(new[] { "--colour", "green" }, Colour.Green)]
    [InlineData(new string[0], Colour.Green)]
    public void A_word_maps_to_its_value_and_no_word_to_the_default(string[] args, Colour expected)
    {
        var parse = Parse(args);

        Assert.Empty(parse.Errors);
        Assert.Equal(expected, Option.ValueIn(parse));
    }

    [Fact]
    public void Another_word_is_a_parse_error_in_the_options_own_words()
    {
        var parse = Parse("--colour", "Red");

        Assert.Equal("--colour Red: must be red or green", Assert.Single(parse.Errors).Message);
    }

    [Fact]
    public void Reading_a_refused_word_anyway_is_a_bug_not_a_silent_default()
    {
        var parse = Parse("--colour", "blue");

        var error = Assert.Throws<InvalidOperationException>(() => Option.ValueIn(parse));
        Assert.Contains("--colour", error.Message);
    }
}
