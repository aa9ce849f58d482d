using Arc.Platform.Technologies.Nats;
using Arc.Platform.Tests.TestKit;

namespace Arc.Platform.Tests.Technologies.Nats;

/// <summary>
/// Where the file store is, read from RECORDED real monitor responses (Recorded/nats-2.9.10-store, see its README):
/// /varz keeps the JetStream settings of its first request, so neither endpoint alone always names the store.
/// </summary>
public sealed class FileStoreCheckRecordedTests
{
    private const string StoreDirectory = "/tmp/tmp.XXx9pxtKOP/store/jetstream";

    [Fact]
    public void The_live_answer_names_the_store_when_varz_kept_no_jetstream_settings()
    {
        var state = FileStoreCheck.Parse(Recorded("without-jetstream.varz.json"), Recorded("enabled.jsz.json"), null)!;

        Assert.True(state.JetStreamEnabled);
        Assert.Equal(StoreDirectory, state.StoreDirectory);
        Assert.Equal(62879038464, state.MaxBytes);
        Assert.Equal(0, state.UsedBytes);
        Assert.NotNull(state.FreeBytes);
    }

    [Fact]
    public void The_settings_varz_kept_name_the_store_once_jetstream_is_off()
    {
        var state = FileStoreCheck.Parse(Recorded("enabled.varz.json"), Recorded("without-jetstream.jsz.json"), null)!;

        Assert.False(state.JetStreamEnabled);
        Assert.Equal(StoreDirectory, state.StoreDirectory);
        Assert.Equal(62879038464, state.MaxBytes);
    }

    [Fact]
    public void Neither_endpoint_naming_a_store_leaves_the_known_directory_or_none()
    {
        var unknown = FileStoreCheck.Parse(Recorded("without-jetstream.varz.json"), Recorded("without-jetstream.jsz.json"), null)!;
        var known = FileStoreCheck.Parse(Recorded("without-jetstream.varz.json"), null, "/var/lib/flash")!;

        Assert.Null(unknown.StoreDirectory);
        Assert.Null(unknown.FreeBytes);
        Assert.False(unknown.IsFull);
        Assert.Equal("/var/lib/flash", known.StoreDirectory);
    }

    [Fact]
    public void A_monitor_answering_no_json_gives_no_state()
    {
        Assert.Null(FileStoreCheck.Parse("<html>", null, null));
    }

    private static string Recorded(string file) =>
        File.ReadAllText(Path.Combine(TempRepo.RealRoot, "tests", "Arc.Platform.Tests", "Technologies", "Nats", "Recorded", "nats-2.9.10-store", file));
}
