using Arc.Platform.Technologies.Nats;
using Arc.Platform.Yaml;
using Xunit;

namespace Arc.Platform.Tests.Technologies.Nats;

[Trait("Tier", "unit")]
public class StreamsFileTests
{
    private const string Full = """
        streams:
          - name: AGENT_EVENTS
            description: What agents did
            subjects: [agent.events.>]
            storage: file
            retention: limits
            discard: old
            max_age: 7d
            max_bytes: 1GiB
            max_msgs: -1
            max_msg_size: 1MiB
            duplicate_window: 2m
            replicas: 1
          - name: SYSTEM_METRICS
            subjects: ["system.metrics.>"]
            retention: workqueue
            storage: memory
            max_age: 0
            max_bytes: -1
        """;

    [Fact]
    public void Reads_every_setting_with_units()
    {
        var streams = StreamsFile.Parse(Full);

        var events = streams[0];
        Assert.Equal("AGENT_EVENTS", events.Name);
        Assert.Equal("What agents did", events.Description);
        Assert.Equal(["agent.events.>"], events.Subjects);
        Assert.Equal(StreamStorage.File, events.Storage);
        Assert.Equal(StreamRetention.Limits, events.Retention);
        Assert.Equal(StreamDiscard.Old, events.Discard);
        Assert.Equal(TimeSpan.FromDays(7), events.MaxAge);
        Assert.Equal(1L << 30, events.MaxBytes);
        Assert.Equal(-1, events.MaxMessages);
        Assert.Equal(1 << 20, events.MaxMessageSize);
        Assert.Equal(TimeSpan.FromMinutes(2), events.DuplicateWindow);
        Assert.Equal(1, events.Replicas);
        Assert.Equal(2, events.Line);
    }

    [Fact]
    public void Unset_settings_stay_unmanaged_and_unlimited_values_are_read()
    {
        var metrics = StreamsFile.Parse(Full)[1];

        Assert.Null(metrics.Description);
        Assert.Null(metrics.Discard);
        Assert.Null(metrics.MaxMessages);
        Assert.Equal(TimeSpan.Zero, metrics.MaxAge);
        Assert.Equal(-1, metrics.MaxBytes);
        Assert.Equal(StreamRetention.WorkQueue, metrics.Retention);
        Assert.Equal(StreamStorage.Memory, metrics.Storage);
    }

    [Fact]
    public void Reads_a_file_from_disk()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "streams.yaml");
        File.WriteAllText(path, Full);

        Assert.Equal(["AGENT_EVENTS", "SYSTEM_METRICS"], StreamsFile.Load(path).Select(s => s.Name));
    }

    [SkippableFact]
    public void The_repository_streams_file_is_valid_when_present()
    {
        var root = SampleServices.RepositoryRoot();
        Skip.If(root is null || !File.Exists(StreamsFile.PathUnder(root)), "services/messaging/streams.yaml is not in this checkout yet");

        Assert.NotEmpty(StreamsFile.Load(StreamsFile.PathUnder(root!)));
    }

    [Theory]
    [InlineData("streams:\n  - name: A\n    subjects: [a]\n    colour: red\n", 4, 5, "unknown key 'colour'")]
    [InlineData("streams:\n  - name: A\n    subjects: a.b\n", 3, 15, "'subjects' must be a list")]
    [InlineData("streams:\n  - name: A\n    subjects: []\n", 3, 15, "non-empty 'subjects'")]
    [InlineData("streams:\n  - name: A\n", 2, 5, "non-empty 'subjects'")]
    [InlineData("streams:\n  - subjects: [a]\n", 2, 5, "missing required key 'name'")]
    [InlineData("streams:\n  - name: agent_events\n    subjects: [a]\n", 2, 11, "must use only A-Z")]
    [InlineData("streams:\n  - name: A\n    subjects: [a]\n    storage: disk\n", 4, 14, "'storage' must be one of file, memory")]
    [InlineData("streams:\n  - name: A\n    subjects: [a]\n    retention: forever\n", 4, 16, "'retention' must be one of")]
    [InlineData("streams:\n  - name: A\n    subjects: [a]\n    discard: oldest\n", 4, 14, "'discard' must be one of old, new")]
    [InlineData("streams:\n  - name: A\n    subjects: [a]\n    max_age: 10x\n", 4, 14, "'max_age' must be a duration")]
    [InlineData("streams:\n  - name: A\n    subjects: [a]\n    max_age: 24\n", 4, 14, "'max_age' must be a duration")]
    [InlineData("streams:\n  - name: A\n    subjects: [a]\n    duplicate_window: -1s\n", 4, 23, "'duplicate_window' must be a duration")]
    [InlineData("streams:\n  - name: A\n    subjects: [a]\n    max_bytes: 10MB\n", 4, 16, "'max_bytes' must be a size")]
    [InlineData("streams:\n  - name: A\n    subjects: [a]\n    max_msg_size: 4GiB\n", 4, 19, "'max_msg_size' must be below 2GiB")]
    [InlineData("streams:\n  - name: A\n    subjects: [a]\n    max_msgs: many\n", 4, 15, "'max_msgs' must be an integer")]
    [InlineData("streams:\n  - name: A\n    subjects: [a]\n    max_msgs: -2\n", 4, 15, "'max_msgs' must be between -1")]
    [InlineData("streams:\n  - name: A\n    subjects: [a]\n    replicas: 0\n", 4, 15, "'replicas' must be between 1 and 5")]
    [InlineData("streams:\n  - name: A\n    subjects: [a]\n    max_age: [1h]\n", 4, 14, "'max_age' must be a single value")]
    [InlineData("streams:\n  - name: A\n    subjects: [a]\n  - name: A\n    subjects: [b]\n", 4, 5, "stream 'A' is declared twice")]
    [InlineData("streams: {}\n", 1, 10, "'streams' must be a list")]
    [InlineData("streams:\n  - just-a-string\n", 2, 5, "must be a mapping")]
    [InlineData("stream:\n  - name: A\n", 1, 1, "missing required key 'streams'")]
    [InlineData("streams: []\nextra: 1\n", 2, 1, "unknown key 'extra'")]
    [InlineData("streams:\n  - name: A\n    subjects: [a\n", 4, 1, "malformed YAML")]
    public void Malformed_streams_file_is_a_located_error(string yaml, int line, int column, string message)
    {
        var error = Assert.Throws<ConfigException>(() => StreamsFile.Parse(yaml, "services/messaging/streams.yaml"));

        Assert.Equal("services/messaging/streams.yaml", error.File);
        Assert.Contains(message, error.Reason);
        Assert.Equal((line, column), (error.Line, error.Column));
    }
}
