using System.Diagnostics;
using Arc.Platform.Registry;
using Arc.Platform.Technologies.Nats;

namespace Arc.Platform.Tests.HighAvailability;

/// <summary>
/// How a killed NATS member came back: <see cref="Back"/> after its restart began its monitor answered (the anchor),
/// then <see cref="Took"/> more until its own copy of the stream held the stored count; <see cref="Behind"/> is how many
/// messages its copy lacked when it first listed the stream.
/// </summary>
internal sealed record CatchUp(TimeSpan Back, TimeSpan Took, long Behind)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <param name="restarted">True once the server running is another process than the one killed.</param>
    /// <param name="stored">What the stream holds (nothing is published meanwhile).</param>
    /// <remarks>Fails naming the step that never came within 60 s.</remarks>
    public static async Task<CatchUp> WatchAsync(ServiceDefinition killed, string stream, long stored, Stopwatch sinceRestart, Func<bool> restarted)
    {
        TimeSpan? back = null;
        long? first = null;
        while (sinceRestart.Elapsed < Limit)
        {
            if (restarted() && await ClusterMonitor.ReadAsync(NatsTechnology.MonitorUrl(killed), CancellationToken.None) is { } own)
            {
                back ??= sinceRestart.Elapsed;
                if (own.Streams.FirstOrDefault(s => s.Name == stream) is { } mine)
                {
                    first ??= mine.Messages;
                    if (mine.Messages >= stored)
                        return new CatchUp(back.Value, sinceRestart.Elapsed - back.Value, stored - first.Value);
                }
            }
            await Task.Delay(10);
        }
        throw new TimeoutException(back is null
            ? $"{killed.Codename}'s monitor never answered again within {Limit.TotalSeconds:0} s of its restart"
            : $"{killed.Codename}'s own copy of {stream} never reached the {stored} stored messages within {Limit.TotalSeconds:0} s of its restart");
    }
}
