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
    public static Command Create(GlobalOptions globals)
    {
        var target = new Argument<string>("service") { Description = "The service to drive: a codename, service name or role (flash, sonic, strange)" };
        var operation = new Option<string?>("--op") { Description = "Operation: sonic set|get|mixed; flash request-reply|publish|pubsub|js-publish; strange produce-consume|admin (default: the first)", HelpName = "OP" };
        var duration = Ranged(new Option<double?>("--duration") { Description = "Seconds to run after warm-up (default 5)", HelpName = "S" }, 0, BenchOptions.MaxSeconds, exclusiveMin: true);
        var requests = Ranged(new Option<long?>("--requests") { Description = "Stop after this many operations instead of a duration", HelpName = "N" }, 1, long.MaxValue);
        var clients = Ranged(new Option<int>("--clients") { Description = "Connections, each with --pipeline operations in flight", DefaultValueFactory = _ => 4, HelpName = "N" }, 1, BenchOptions.MaxClients);
        var size = Ranged(new Option<int>("--size") { Description = "Payload bytes per operation", DefaultValueFactory = _ => 128, HelpName = "BYTES" }, 0, BenchOptions.MaxSize);
        var pipeline = Ranged(new Option<int>("--pipeline") { Description = "Operations in flight per connection (JetStream: the ack window)", DefaultValueFactory = _ => 1, HelpName = "N" }, 1, BenchOptions.MaxPipeline);
        var raw = new Option<bool>("--raw") { Description = "The server's raw ingest limit: pre-encoded frames on plain sockets (bench/flash.sh's anchor)", Hidden = true };
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
            var seconds = parse.GetValue(duration);
            var count = parse.GetValue(requests);
            var options = new BenchOptions(count is null ? TimeSpan.FromSeconds(seconds ?? 5) : null, count, parse.GetValue(clients), parse.GetValue(size), parse.GetValue(pipeline));
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

    private static Option<T> Ranged<T>(Option<T> option, double min, double max, bool exclusiveMin = false)
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<T>();
            if (value is null)
                return;
            var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            if (number < min || exclusiveMin && number <= min || number > max)
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be {(exclusiveMin ? "above" : "at least")} {min} and at most {max}; got {number}"));
        });
        return option;
    }

    private static ServiceDefinition ResolveOne(ServiceRegistry registry, string target)
    {
        var services = registry.Resolve([target]).Services;
        return services.Count == 1 ? services[0] : throw new UsageException($"bench drives one service; '{target}' is {services.Count} services");
    }

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
