using Arc.Platform.Drivers;
using Arc.Cli.Rendering;
using Arc.Platform.Lifecycle;

namespace Arc.Platform.Tests.Cli.Rendering;

/// <summary>Every remedy the library names, worded after its message exactly as arc printed it before the library stopped spelling options.</summary>
[Trait("Tier", "unit")]
public sealed class RemedyTextTests
{
    [Fact]
    public void Without_a_remedy_the_message_is_left_alone() =>
        Assert.Equal("pid 42", RemedyText.After("pid 42", null));

    [Theory]
    [InlineData("docker", "nats-server is not installed: run `sudo apt-get install -y nats-server`, or use --driver docker")]
    [InlineData("native", "nats-server is not installed: run `sudo apt-get install -y nats-server`, or use --driver native")]
    public void Another_driver_is_offered_as_its_option(string driver, string expected) =>
        Assert.Equal(expected, RemedyText.After("nats-server is not installed: run `sudo apt-get install -y nats-server`", new UseDriver(new DriverChoice(driver))));

    [Fact]
    public void An_unreachable_service_suggests_bringing_it_up() =>
        Assert.Equal("cannot reach sonic to benchmark it (refused); is it up? try 'arc up sonic'",
            RemedyText.After("cannot reach sonic to benchmark it (refused)", new StartService("sonic")));

    [Fact]
    public void An_unreadable_record_points_at_down() =>
        Assert.Equal("r.json: unreadable run record (x); `arc down` stops the server by what it can prove, or says what it could not stop",
            RemedyText.After("r.json: unreadable run record (x)", new StopFromProof()));

    [Fact]
    public void A_remedy_the_cli_cannot_word_is_a_bug_not_a_silent_omission() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RemedyText.After("x", new UnknownRemedy()));

    private sealed record UnknownRemedy : Remedy;
}
