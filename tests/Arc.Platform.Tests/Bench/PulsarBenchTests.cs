using System.Text.Json;

namespace Arc.Platform.Tests.Bench;

/// <summary>
/// `arc bench strange` against Pulsar's documented WebSocket and admin frames replayed locally
/// (Technologies/Pulsar/Recorded/README.md says where each comes from) — not a live Pulsar.
/// </summary>
[Trait("Tier", "unit")]
public sealed class PulsarBenchTests
{
    private static TempRepo RepoFor(int adminPort)
    {
        var repo = TempRepo.CopyOfRealRepo();
        // The admin port appears as the port's host and in the health URL: move both.
        repo.Write("services/streaming/service.yaml", repo.Read("services/streaming/service.yaml").Replace("8082", adminPort.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return repo;
    }

    [Fact]
    public async Task ProduceConsumeAcknowledgesEveryMessageAndDeletesItsTopic()
    {
        await using var pulsar = new RecordedPulsarWebSocketServer();
        using var repo = RepoFor(pulsar.Port);

        var result = await ArcRunner.RunAsync("--root", repo.Root, "--json", "bench", "strange", "--requests", "60", "--clients", "2", "--pipeline", "4", "--size", "32");

        var json = BenchRepo.AssertBenchJson(result);
        Assert.Equal(("produce-consume", 60), (json.GetProperty("operation").GetString(), json.GetProperty("operations").GetInt32()));
        Assert.Equal(60, pulsar.Acks.Distinct().Count());
        var topic = Assert.Single(pulsar.ProducerTopics.Distinct());
        Assert.Equal([topic], pulsar.DeletedTopics);
    }

    [Fact]
    public async Task AdminRoundTripsPrintTheBenchJson()
    {
        await using var pulsar = new RecordedPulsarWebSocketServer();
        using var repo = RepoFor(pulsar.Port);

        var json = BenchRepo.AssertBenchJson(await ArcRunner.RunAsync("--root", repo.Root, "--json", "bench", "strange", "--op", "admin", "--requests", "20", "--clients", "2"));

        Assert.Equal(20, json.GetProperty("operations").GetInt32());
    }

    [Fact]
    public async Task ASendErrorFailsTheRunAndStillDeletesTheTopic()
    {
        await using var pulsar = new RecordedPulsarWebSocketServer("websocket-producer.send-error.json");
        using var repo = RepoFor(pulsar.Port);

        var result = await ArcRunner.RunAsync("--root", repo.Root, "bench", "strange", "--requests", "5", "--clients", "1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("send-error:3", result.Err);
        Assert.Single(pulsar.DeletedTopics);
    }

    [Fact]
    public async Task WithoutALivePulsarTheBenchmarkIsSkippedWithTheReason()
    {
        using var repo = RepoFor(FreePorts.Next());

        var result = await ArcRunner.RunAsync("--root", repo.Root, "--json", "bench", "strange");

        Assert.Equal(0, result.ExitCode);
        var json = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal(["skipped"], json.EnumerateObject().Select(p => p.Name));
        Assert.Contains("no live Pulsar answers", json.GetProperty("skipped").GetString());
    }
}
