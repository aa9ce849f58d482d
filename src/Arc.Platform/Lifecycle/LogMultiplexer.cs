using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Arc.Platform.Registry;

namespace Arc.Platform.Lifecycle;

/// <summary>`arc logs`: every selected service's lines prefixed with its codename; with follow, interleaved as they come.</summary>
internal sealed class LogMultiplexer(LifecycleContext context)
{
    public async IAsyncEnumerable<string> ReadAsync(TargetSelection selection, LogOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        selection = HaSelection.ForExisting(selection, context.Drivers, options.Driver);
        var width = selection.Services.Max(s => s.Codename.Length);
        if (!options.Follow)
        {
            foreach (var service in selection.Services)
            {
                var driver = await context.Drivers.ForExistingAsync(service, options.Driver, cancellationToken);
                await foreach (var line in driver.LogsAsync(service, false, cancellationToken))
                    yield return Prefix(service, width, line);
            }
            yield break;
        }
        // Each pump ends when cancellation ends its reader; the merged stream ends, quietly, when all have.
        var channel = Channel.CreateUnbounded<string>();
        var pumps = selection.Services.Select(async service =>
        {
            var driver = await context.Drivers.ForExistingAsync(service, options.Driver, cancellationToken);
            await foreach (var line in driver.LogsAsync(service, true, cancellationToken))
                channel.Writer.TryWrite(Prefix(service, width, line));
        }).ToList();
        _ = Task.WhenAll(pumps).ContinueWith(t => channel.Writer.TryComplete(t.IsCanceled ? null : t.Exception?.InnerException), TaskScheduler.Default);
        await foreach (var line in channel.Reader.ReadAllAsync(CancellationToken.None))
            yield return line;
    }

    private static string Prefix(ServiceDefinition service, int width, string line) => $"{service.Codename.PadRight(width)} | {line}";
}
