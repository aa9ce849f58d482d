// Measures one readiness probe per technology against local servers started from the derived
// native launch plans, and compares the Redis probe's cached multiplexer with a fresh
// connection per probe. Prints latencies in milliseconds; no assertions (see bench/README).
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Arc.Platform.Compose;
using Arc.Platform.Drivers.Native;
using Arc.Platform.Health;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;
using Arc.Platform.Technologies.Nats;
using Arc.Platform.Technologies.Pulsar;
using Arc.Platform.Technologies.Redis;
using StackExchange.Redis;

const int Rounds = 500;
var root = args.Length > 0 ? args[0] : Directory.GetCurrentDirectory();
var registry = ServiceRegistry.Load(root);
var work = Directory.CreateTempSubdirectory("arc-probe-bench-").FullName;
var processes = new List<Process>();
try
{
    var nats = Relocate(registry.Service("flash"));
    var redis = Relocate(registry.Service("sonic"));
    processes.Add(Start(new NatsTechnology(), nats));
    processes.Add(Start(new RedisTechnology(), redis));
    await WaitAsync(new NatsTechnology(), nats);
    await WaitAsync(new RedisTechnology(), redis);

    Console.WriteLine($"before probes: {Process.GetCurrentProcess().Threads.Count} threads, {Directory.GetFiles("/proc/self/fd").Length} open fds");
    Console.WriteLine($"probe latency over {Rounds} calls (ms)          p50      p99     mean   open fds after");
    await ReportAsync("nats  GET /healthz (shared HttpClient)", ct => new NatsTechnology().ProbeAsync(nats, ct));
    await ReportAsync("redis PING (cached multiplexer)", ct => new RedisTechnology().ProbeAsync(redis, ct));
    await ReportAsync("redis PING (new multiplexer per probe)", ct => FreshMultiplexerPingAsync(redis.HealthPort.Host));
    var pulsarAdmin = ServeOk(out var listener);
    await ReportAsync("pulsar GET brokers/health (local stub)", ct => new PulsarTechnology().ProbeAsync(
        registry.Service("strange") with { Ports = [new PortBinding("broker", 1, 6650), new PortBinding("admin", pulsarAdmin, 8080)] }, ct));
    listener.Stop();
    var closed = FreePort();
    await ReportAsync("nats  probe of a closed port", ct => new NatsTechnology().ProbeAsync(nats with { Ports = [new PortBinding("client", closed, 4222), new PortBinding("monitor", closed, 8222)] }, ct), expectHealthy: false);
    await ReportAsync("redis probe of a closed port", ct => new RedisTechnology().ProbeAsync(redis with { Ports = [new PortBinding("client", closed, 6379)] }, ct), expectHealthy: false);
    await ReportAsync("nats  deep probe", ct => new NatsTechnology().DeepProbeAsync(nats, ct), rounds: 50);
    await ReportAsync("redis deep probe", ct => new RedisTechnology().DeepProbeAsync(redis, ct), rounds: 50);

    using var self = Process.GetCurrentProcess();
    self.Refresh();
    Console.WriteLine($"after all probes: {self.Threads.Count} threads, {Directory.GetFiles("/proc/self/fd").Length} open fds");
}
finally
{
    foreach (var process in processes)
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }
    Directory.Delete(work, recursive: true);
}

ServiceDefinition Relocate(ServiceDefinition service) =>
    service with { Ports = [.. service.Ports.Select(p => p with { Host = FreePort() })] };

Process Start(ITechnology technology, ServiceDefinition service)
{
    var compose = ComposeFile.Load(service.ComposeFile, service.ComposeFile).Service(service.Name)!;
    var data = Directory.CreateDirectory(Path.Combine(work, service.Codename)).FullName;
    var plan = NativeLaunchPlanner.Plan(technology, service, compose, new NativeLaunchContext(data, Path.Combine(work, $"{service.Codename}.log")));
    var info = new ProcessStartInfo(plan.Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var argument in plan.Arguments)
        info.ArgumentList.Add(argument);
    var process = Process.Start(info)!;
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

async Task WaitAsync(ITechnology technology, ServiceDefinition service)
{
    for (var i = 0; i < 1000 && !(await technology.ProbeAsync(service, CancellationToken.None)).Healthy; i++)
        await Task.Delay(10);
}

async Task ReportAsync(string name, Func<CancellationToken, Task<ProbeResult>> probe, bool expectHealthy = true, int rounds = Rounds)
{
    await probe(CancellationToken.None);
    var samples = new List<double>();
    for (var i = 0; i < rounds; i++)
    {
        var clock = Stopwatch.StartNew();
        var result = await probe(CancellationToken.None);
        samples.Add(clock.Elapsed.TotalMilliseconds);
        if (result.Healthy != expectHealthy)
            throw new InvalidOperationException($"{name}: {result.Detail}");
    }
    samples.Sort();
    Console.WriteLine($"{name,-46} {samples[samples.Count / 2],7:0.000}  {samples[(int)(samples.Count * 0.99)],7:0.000}  {samples.Average(),7:0.000}   fds {Directory.GetFiles("/proc/self/fd").Length}");
}

static async Task<ProbeResult> FreshMultiplexerPingAsync(int port)
{
    var clock = Stopwatch.StartNew();
    await using var mux = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions { EndPoints = { $"127.0.0.1:{port}" }, ConnectTimeout = 1000 });
    var pong = await mux.GetDatabase().ExecuteAsync("PING");
    return pong.ToString() == "PONG" ? ProbeResult.Ok(clock.Elapsed) : ProbeResult.Fail(clock.Elapsed, pong.ToString());
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static int ServeOk(out HttpListener listener)
{
    var port = FreePort();
    var server = new HttpListener();
    server.Prefixes.Add($"http://127.0.0.1:{port}/");
    server.Start();
    listener = server;
    _ = Task.Run(async () =>
    {
        while (server.IsListening)
        {
            try
            {
                var context = await server.GetContextAsync();
                context.Response.ContentLength64 = 2;
                context.Response.OutputStream.Write("ok"u8);
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
        }
    });
    return port;
}
