using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using Arc.Cli.Rendering;
using Arc.Platform.Bench;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Cli.Commands;

/// <summary>`arc bench SERVICE`: closed-loop throughput and latency of one running service, through its technology's <see cref="IBenchmarkable"/>.</summary>
internal static class BenchCommand
{
    public static Command Create(GlobalOptions globals, TechnologyCatalog technologies)
    {
        var target = new Argument<string>("service") { Description = "The service to drive: a codename, service name or role" };
        var operation = new Option<string?>("--op") { Description = $"Operation, by the service's tech: {Operations(technologies)} (default: the first)", HelpName = "OP" };
        var duration = new RangedOption<double>("--duration", "Seconds to run after warm-up (default 5)", "S", 0, BenchOptions.MaxSeconds, unit: "seconds", aboveMin: true);
        var requests = new RangedOption<long>("--requests", "Stop after this many operations instead of a duration", "N", 1, long.MaxValue);
        var clients = new RangedOption<int>("--clients", "Connections, each with --pipeline operations in flight", "N", 1, BenchOptions.MaxClients, defaultValue: 4);
        var size = new RangedOption<int>("--size", "Payload bytes per operation", "BYTES", 0, BenchOptions.MaxSize, defaultValue: 128, unit: "bytes");
        var pipeline = new RangedOption<int>("--pipeline", $"Operations in flight per connection{PipelineMeanings(technologies)}", "N", 1, BenchOptions.MaxPipeline, defaultValue: 1);
        var raw = new Option<bool>("--raw") { Description = "The server's raw ingest limit: pre-encoded frames on plain sockets (the bench scripts' anchor)", Hidden = true };
        var command = new Command("bench", "Measure a running service: operations per second, p50/p99/p99.9 latency")
        {
            target, operation, duration, requests, clients, size, pipeline, raw,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(duration) is { Implicit: false } && result.GetResult(requests) is { Implicit: false })
                result.AddError("--duration and --requests exclude each other: give one");
        });
        CommandRunner.Bind(command, globals, async (context, parse, cancellationToken) =>
        {
            var service = ResolveOne(context.LoadRegistry(), parse.GetValue(target)!);
            await using var technologies = context.Services.CreateTechnologies();
            var benchmarkable = Benchmarkable(technologies, service);
            var workload = Workload(benchmarkable, service, parse.GetValue(operation), parse.GetValue(raw));
            var seconds = duration.ValueIn(parse);
            var count = requests.ValueIn(parse);
            var options = new BenchOptions(count is null ? TimeSpan.FromSeconds(seconds ?? 5) : null, count, clients.ValueIn(parse)!.Value, size.ValueIn(parse)!.Value, pipeline.ValueIn(parse)!.Value);
            // A process-wide runtime switch: set here, before the benchmark opens the process's first socket.
            if (workload.PrefersInlineSocketCompletions(options))
                SocketCompletions.RunInline();
            if (!context.Json)
                await context.Err.WriteLineAsync($"benchmarking {service.Codename} {workload.Operation} for {(count is null ? $"{options.Duration!.Value.TotalSeconds:0.###} s" : $"{count} operations")} with {options.Clients} clients, pipeline {options.Pipeline}, {options.Size}-byte payloads ...");
            var outcome = await BenchSession.RunAsync(benchmarkable, service, workload, options, cancellationToken);
            if (outcome.Skipped is { } skipped)
                await context.Out.WriteLineAsync(context.Json ? JsonSerializer.Serialize(skipped, ArcJsonContext.Default.BenchSkipped) : $"{service.Codename}: skipped: {skipped.Skipped}");
            else
                await context.Out.WriteLineAsync(context.Json ? JsonSerializer.Serialize(outcome.Result!, ArcJsonContext.Default.BenchResult) : Describe(outcome.Result!));
            return ExitCodes.Success;
        });
        return command;
    }

    private static ServiceDefinition ResolveOne(ServiceRegistry registry, string target)
    {
        var services = registry.Resolve([target]).Services;
        return services.Count == 1 ? services[0] : throw new UsageException($"bench drives one service; '{target}' is {services.Count} services");
    }

    /// <summary>"nats request-reply|publish; redis set|get": what each technology registered, for the help text.</summary>
    private static string Operations(TechnologyCatalog technologies) => string.Join("; ", technologies.Names
        .Select(tech => (tech, Bench: technologies.Find(tech) as IBenchmarkable))
        .Where(t => t.Bench is not null)
        .Select(t => $"{t.tech} {string.Join("|", t.Bench!.BenchOperations)}"));

    /// <summary>" (JetStream: the ack window)": where a technology's pipeline means more, for the help text.</summary>
    private static string PipelineMeanings(TechnologyCatalog technologies) =>
        technologies.Names.Select(technologies.Find).OfType<IBenchmarkable>().Select(b => b.PipelineMeaning).OfType<string>().ToList() is { Count: > 0 } meanings
            ? $" ({string.Join("; ", meanings)})"
            : "";

    private static IBenchmarkable Benchmarkable(TechnologyCatalog technologies, ServiceDefinition service) =>
        technologies.For(service) as IBenchmarkable ?? throw new UsageException($"no benchmark for {service.Codename} ({service.Tech})");

    private static IBenchWorkload Workload(IBenchmarkable benchmarkable, ServiceDefinition service, string? operation, bool raw)
    {
        var chosen = operation ?? benchmarkable.BenchOperations[0];
        if (!benchmarkable.BenchOperations.Contains(chosen))
            throw new UsageException($"--op {chosen} is not a {service.Codename} benchmark; choose one of {string.Join(", ", benchmarkable.BenchOperations)}");
        if (!raw)
            return benchmarkable.Benchmark(service, chosen);
        return benchmarkable.RawAnchor(service, chosen)
            ?? throw new UsageException($"--raw has no anchor for {service.Codename} {chosen}");
    }

    private static string Describe(BenchResult r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Service} {r.Operation}: {r.OpsPerSec:0} ops/s{(r.MbPerSec > 0 ? $" ({r.MbPerSec:0.0} MB/s)" : "")}, {Latency(r)} ({r.Clients} clients, pipeline {r.Pipeline}, {r.Size} B, {r.Operations} ops in {r.DurationS:0.0} s)");

    private static string Latency(BenchResult r) => r.P50Us is null
        ? "latency n/a"
        : string.Create(CultureInfo.InvariantCulture, $"p50 {r.P50Us:0.0} µs, p99 {r.P99Us:0.0} µs, p99.9 {r.P999Us:0.0} µs");
}
