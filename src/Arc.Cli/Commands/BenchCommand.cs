using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Arc.Platform.Bench;
using Arc.Platform.Registry;

namespace Arc.Cli.Commands;

/// <summary>`arc bench SERVICE`: closed-loop throughput and latency of one running service.</summary>
internal static class BenchCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var target = new Argument<string>("service") { Description = "The service to drive: a codename, service name or role (flash, sonic, ...)" };
        var duration = new Option<double>("--duration") { Description = "Seconds to run after warm-up", DefaultValueFactory = _ => 5, HelpName = "S" };
        var clients = new Option<int>("--clients") { Description = "Concurrent connections, each one operation at a time", DefaultValueFactory = _ => 4, HelpName = "N" };
        var size = new Option<int>("--size") { Description = "Payload bytes per operation", DefaultValueFactory = _ => 128, HelpName = "BYTES" };
        var command = new Command("bench", "Measure a running service: operations per second and p50/p99 latency") { target, duration, clients, size };
        CommandRunner.Bind(command, globals, async (context, parse, cancellationToken) =>
        {
            var service = ResolveOne(context.LoadRegistry(), parse.GetValue(target)!);
            var options = Options(parse.GetValue(duration), parse.GetValue(clients), parse.GetValue(size));
            var workload = BenchWorkloads.For(service);
            if (!context.Json)
                await context.Err.WriteLineAsync($"benchmarking {service.Codename} for {options.Duration.TotalSeconds:0.###} s with {options.Clients} clients, {options.Size}-byte payloads ...");
            var result = await BenchRunner.RunAsync(service.Codename, workload, options, cancellationToken);
            await context.Out.WriteLineAsync(context.Json ? JsonSerializer.Serialize(result, BenchJsonContext.Default.BenchResult) : Describe(result));
            return ExitCodes.Success;
        });
        return command;
    }

    private static ServiceDefinition ResolveOne(ServiceRegistry registry, string target)
    {
        var services = registry.Resolve([target]).Services;
        return services.Count == 1 ? services[0] : throw new UsageException($"bench drives one service; '{target}' is {services.Count} services");
    }

    private static BenchOptions Options(double seconds, int clients, int size)
    {
        if (seconds is <= 0 or > 3600)
            throw new UsageException("--duration must be between 0 and 3600 seconds");
        if (clients is < 1 or > 1024)
            throw new UsageException("--clients must be between 1 and 1024");
        if (size is < 0 or > 8 * 1024 * 1024)
            throw new UsageException("--size must be between 0 and 8388608 bytes");
        return new BenchOptions(TimeSpan.FromSeconds(seconds), clients, size);
    }

    private static string Describe(BenchResult r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Service} {r.Operation}: {r.OpsPerSec:0} ops/s, p50 {r.P50Us:0.0} µs, p99 {r.P99Us:0.0} µs ({r.Clients} clients, {r.Size} B, {r.DurationS:0.0} s)");
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(BenchResult))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
