using System.Text.Json;
using Arc.Platform.Drivers;
using Arc.Platform.Technologies;
using Arc.Platform.Technologies.Nats;
using NATS.Client.JetStream;
using Xunit;

namespace Arc.Platform.Tests.Technologies.Nats;

public class StreamProvisionerTests(NatsServerFixture nats) : IClassFixture<NatsServerFixture>
{
    private static string Unique(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..20].ToUpperInvariant();

    private static IReadOnlyList<StreamDeclaration> Streams(string name, string settings) =>
        StreamsFile.Parse($"streams:\n  - name: {name}\n    subjects: [\"{name.ToLowerInvariant()}.>\"]\n{settings}");

    [NativeFact]
    public async Task Apply_creates_missing_streams_that_the_server_then_reports_in_jsz()
    {
        var commands = Unique("COMMANDS");
        var events = Unique("EVENTS");
        var declared = StreamsFile.Parse($"""
            streams:
              - name: {commands}
                subjects: ["{commands.ToLowerInvariant()}.>"]
                storage: file
                max_age: 1h
              - name: {events}
                subjects: ["{events.ToLowerInvariant()}.>"]
                retention: interest
            """);

        var outcomes = await StreamProvisioner.ApplyAsync(nats.ClientUrl, declared, CancellationToken.None);

        Assert.All(outcomes, o => Assert.Equal(StreamAction.Created, o.Action));
        using var client = new HttpClient();
        using var jsz = JsonDocument.Parse(await client.GetStringAsync($"{nats.MonitorUrl}/jsz?streams=true"));
        var names = jsz.RootElement.GetProperty("account_details").EnumerateArray()
            .SelectMany(a => a.GetProperty("stream_detail").EnumerateArray())
            .Select(s => s.GetProperty("name").GetString());
        Assert.Contains(commands, names);
        Assert.Contains(events, names);
    }

    [NativeFact]
    public async Task Applying_twice_changes_nothing_the_second_time()
    {
        var name = Unique("TWICE");
        var declared = Streams(name, "    max_age: 24h\n    max_bytes: 64MiB\n    max_msg_size: 1MiB\n    duplicate_window: 2m\n    discard: old\n    replicas: 1\n    description: twice\n");
        await StreamProvisioner.ApplyAsync(nats.ClientUrl, declared, CancellationToken.None);
        var before = await InfoAsync(name);

        var second = await StreamProvisioner.ApplyAsync(nats.ClientUrl, declared, CancellationToken.None);

        var outcome = Assert.Single(second);
        Assert.Equal(StreamAction.Unchanged, outcome.Action);
        Assert.Empty(outcome.Drift);
        Assert.Equal(before.Created, (await InfoAsync(name)).Created);
    }

    [NativeFact]
    public async Task A_changed_max_age_is_updated_in_place()
    {
        var name = Unique("AGE");
        await StreamProvisioner.ApplyAsync(nats.ClientUrl, Streams(name, "    max_age: 1h\n"), CancellationToken.None);

        var outcome = Assert.Single(await StreamProvisioner.ApplyAsync(nats.ClientUrl, Streams(name, "    max_age: 2d\n"), CancellationToken.None));

        Assert.Equal(StreamAction.Updated, outcome.Action);
        Assert.Equal(["max_age 1h → 2d"], outcome.Changes);
        Assert.Equal(TimeSpan.FromDays(2), (await InfoAsync(name)).Config.MaxAge);
    }

    [NativeFact]
    public async Task A_changed_storage_type_is_reported_as_drift_and_the_stream_keeps_its_messages()
    {
        var name = Unique("STORE");
        await StreamProvisioner.ApplyAsync(nats.ClientUrl, Streams(name, "    storage: file\n"), CancellationToken.None);
        await PublishAsync($"{name.ToLowerInvariant()}.one", 3);

        var outcome = Assert.Single(await StreamProvisioner.ApplyAsync(nats.ClientUrl, Streams(name, "    storage: memory\n    max_age: 1d\n"), CancellationToken.None));

        Assert.Equal(StreamAction.Drifted, outcome.Action);
        Assert.Contains(outcome.Drift, d => d.Contains("storage: streams.yaml says memory, server has file") && d.Contains("never deletes"));
        Assert.Equal(["max_age 0 → 1d"], outcome.Changes);
        var info = await InfoAsync(name);
        Assert.Equal(3UL, (ulong)info.State.Messages);
        Assert.Equal(NATS.Client.JetStream.Models.StreamConfigStorage.File, info.Config.Storage);
    }

    [NativeFact]
    public async Task An_update_the_server_refuses_is_reported_as_drift_not_an_error()
    {
        var name = Unique("SUBJ");
        var other = Unique("OVERLAP");
        await StreamProvisioner.ApplyAsync(nats.ClientUrl, Streams(name, ""), CancellationToken.None);
        await StreamProvisioner.ApplyAsync(nats.ClientUrl, Streams(other, ""), CancellationToken.None);

        // Two streams may not capture the same subjects.
        var overlapping = StreamsFile.Parse($"streams:\n  - name: {name}\n    subjects: [\"{other.ToLowerInvariant()}.>\"]\n");
        var outcome = Assert.Single(await StreamProvisioner.ApplyAsync(nats.ClientUrl, overlapping, CancellationToken.None));

        Assert.Equal(StreamAction.Drifted, outcome.Action);
        Assert.Contains(outcome.Drift, d => d.StartsWith("server refused the update of subjects"));
        Assert.Equal([$"{name.ToLowerInvariant()}.>"], (await InfoAsync(name)).Config.Subjects);
    }

    [NativeFact]
    public async Task Streams_missing_from_the_file_are_never_deleted()
    {
        var kept = Unique("KEPT");
        await StreamProvisioner.ApplyAsync(nats.ClientUrl, Streams(kept, ""), CancellationToken.None);

        await StreamProvisioner.ApplyAsync(nats.ClientUrl, Streams(Unique("OTHER"), ""), CancellationToken.None);

        Assert.Equal(kept, (await InfoAsync(kept)).Config.Name);
    }

    [NativeFact]
    public async Task List_shows_each_declared_stream_with_its_state_and_drift()
    {
        var present = Unique("LISTED");
        var absent = Unique("ABSENT");
        await StreamProvisioner.ApplyAsync(nats.ClientUrl, Streams(present, "    max_age: 1h\n"), CancellationToken.None);
        await PublishAsync($"{present.ToLowerInvariant()}.x", 2);
        var declared = StreamsFile.Parse($"""
            streams:
              - name: {present}
                subjects: ["{present.ToLowerInvariant()}.>"]
                max_age: 3h
              - name: {absent}
                subjects: ["{absent.ToLowerInvariant()}.>"]
            """);

        var listing = await StreamProvisioner.ListAsync(nats.ClientUrl, declared, CancellationToken.None);

        Assert.Equal(2, listing[0].Messages);
        Assert.True(listing[0].Bytes > 0);
        Assert.Equal(["max_age: streams.yaml says 3h, server has 1h"], listing[0].Drift);
        Assert.False(listing[1].Exists);
    }

    [NativeFact]
    public async Task Provision_applies_the_streams_file_of_the_service_own_directory()
    {
        using var root = new TempDirectory();
        var name = Unique("ROOTED");
        var own = Path.Combine(root.Path, "services", "messaging");
        Directory.CreateDirectory(own);
        File.WriteAllText(Path.Combine(own, "streams.yaml"), $"streams:\n  - name: {name}\n    subjects: [\"{name.ToLowerInvariant()}.>\"]\n");

        var report = await nats.Technology.ProvisionAsync(nats.Service with { Directory = own }, root.Path, CancellationToken.None);

        Assert.Equal([new ProvisionedItem("stream", name, ProvisionAction.Created)], report.Items);
        Assert.Empty(report.Drift);
    }

    [NativeFact]
    public async Task Provision_without_a_streams_file_does_nothing()
    {
        using var root = new TempDirectory();

        var report = await nats.Technology.ProvisionAsync(nats.Service with { Directory = root.Path }, root.Path, CancellationToken.None);

        Assert.Empty(report.Items);
    }

    [NativeFact]
    public async Task Apply_against_a_closed_port_is_a_driver_error_naming_the_url()
    {
        var url = $"nats://127.0.0.1:{FreePorts.Next()}";

        var error = await Assert.ThrowsAsync<DriverException>(() => StreamProvisioner.ApplyAsync(url, Streams("X", ""), CancellationToken.None));

        Assert.Contains(url, error.Message);
    }

    private async Task<NATS.Client.JetStream.Models.StreamInfo> InfoAsync(string name)
    {
        await using var connection = new NATS.Client.Core.NatsConnection(new NATS.Client.Core.NatsOpts { Url = nats.ClientUrl });
        var stream = await new NatsJSContext(connection).GetStreamAsync(name);
        return stream.Info;
    }

    private async Task PublishAsync(string subject, int count)
    {
        await using var connection = new NATS.Client.Core.NatsConnection(new NATS.Client.Core.NatsOpts { Url = nats.ClientUrl });
        var jetStream = new NatsJSContext(connection);
        for (var i = 0; i < count; i++)
            (await jetStream.PublishAsync(subject, new byte[] { 1, 2, 3 })).EnsureSuccess();
    }
}
