using Arc.Platform.Drivers;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Arc.Platform.Technologies.Nats;

public enum StreamAction { Created, Updated, Unchanged, Drifted }

/// <summary>What applying one declared stream did: what it changed and what it could not.</summary>
public sealed record StreamOutcome(string Name, StreamAction Action, IReadOnlyList<string> Changes, IReadOnlyList<string> Drift)
{
    public override string ToString() => Action switch
    {
        StreamAction.Created => $"{Name}: created",
        StreamAction.Unchanged => $"{Name}: unchanged",
        _ when Changes.Count > 0 => $"{Name}: updated {string.Join("; ", Changes)}",
        _ => $"{Name}: not updated",
    };

    /// <summary>This outcome as `arc up --json` reports it: what changed, or what was not applied.</summary>
    public ProvisionedItem ToItem() => Action switch
    {
        StreamAction.Created => new ProvisionedItem("stream", Name, ProvisionAction.Created),
        StreamAction.Unchanged => new ProvisionedItem("stream", Name, ProvisionAction.Unchanged),
        StreamAction.Updated => new ProvisionedItem("stream", Name, ProvisionAction.Updated, string.Join("; ", Changes)),
        _ => new ProvisionedItem("stream", Name, ProvisionAction.Drift,
            string.Join("; ", Changes.Select(c => $"updated {c}").Concat(Drift))),
    };
}

/// <summary>A declared stream as the server has it, for `arc streams list`.</summary>
public sealed record StreamStatus(string Name, bool Exists, long Messages, long Bytes, IReadOnlyList<string> Drift);

/// <summary>
/// Applies streams.yaml through the JetStream API: creates what is missing, updates what the
/// server can change in place, and reports the rest as drift. It never deletes a stream or its
/// messages — recreating a stream to change its storage type is left to a human.
/// </summary>
public static class StreamProvisioner
{
    private const int StreamNotFound = 10059;

    public static Task<IReadOnlyList<StreamOutcome>> ApplyAsync(string url, IReadOnlyList<StreamDeclaration> streams, CancellationToken cancellationToken) =>
        ApplyAsync(url, _ => streams, cancellationToken);

    /// <param name="streamsFor">The streams to hold, given whether the server answering is a cluster member (its INFO names a cluster).</param>
    public static async Task<IReadOnlyList<StreamOutcome>> ApplyAsync(string url, Func<bool, IReadOnlyList<StreamDeclaration>> streamsFor, CancellationToken cancellationToken)
    {
        await using var connection = await NatsClient.ConnectAsync(url, cancellationToken);
        var jetStream = new NatsJSContext(connection);
        var streams = streamsFor(!string.IsNullOrEmpty(connection.ServerInfo?.Cluster));
        // Side by side on one connection: each stream is its own API subject, and `arc up` waits for
        // the slowest round trip instead of their sum. The outcomes keep the file's order.
        return await Task.WhenAll(streams.Select(declared => ApplyOneAsync(jetStream, declared, cancellationToken)));
    }

    public static Task<IReadOnlyList<StreamStatus>> ListAsync(string url, IReadOnlyList<StreamDeclaration> streams, CancellationToken cancellationToken) =>
        ListAsync(url, _ => streams, cancellationToken);

    /// <param name="streamsFor">The streams to compare with, given whether the server answering is a cluster member.</param>
    public static async Task<IReadOnlyList<StreamStatus>> ListAsync(string url, Func<bool, IReadOnlyList<StreamDeclaration>> streamsFor, CancellationToken cancellationToken)
    {
        await using var connection = await NatsClient.ConnectAsync(url, cancellationToken);
        var jetStream = new NatsJSContext(connection);
        var streams = streamsFor(!string.IsNullOrEmpty(connection.ServerInfo?.Cluster));
        var listing = new List<StreamStatus>();
        foreach (var declared in streams)
        {
            var info = await FindAsync(jetStream, declared.Name, cancellationToken);
            listing.Add(info is null
                ? new StreamStatus(declared.Name, false, 0, 0, [])
                : new StreamStatus(declared.Name, true, (long)info.State.Messages, (long)info.State.Bytes,
                    [.. StreamComparison.Compare(declared, info.Config).Select(d => d.ToString())]));
        }
        return listing;
    }

    private static async Task<StreamOutcome> ApplyOneAsync(NatsJSContext jetStream, StreamDeclaration declared, CancellationToken cancellationToken)
    {
        var existing = await FindAsync(jetStream, declared.Name, cancellationToken);
        if (existing is null)
        {
            await CallAsync(() => jetStream.CreateStreamAsync(StreamComparison.ToConfig(declared), cancellationToken).AsTask(), declared.Name, "create");
            return new StreamOutcome(declared.Name, StreamAction.Created, [], []);
        }

        var differences = StreamComparison.Compare(declared, existing.Config);
        if (differences.Count == 0)
            return new StreamOutcome(declared.Name, StreamAction.Unchanged, [], []);

        var drift = differences.Where(d => !d.Updatable)
            .Select(d => $"{d}; JetStream cannot change it on an existing stream (arc never deletes a stream: recreate it by hand to apply)")
            .ToList();
        var updatable = differences.Where(d => d.Updatable).ToList();
        if (updatable.Count == 0)
            return new StreamOutcome(declared.Name, StreamAction.Drifted, [], drift);

        var config = existing.Config;
        StreamComparison.Apply(declared, config);
        try
        {
            await jetStream.UpdateStreamAsync(config, cancellationToken);
        }
        catch (NatsJSApiException e)
        {
            drift.Add($"server refused the update of {string.Join(", ", updatable.Select(d => d.Setting))}: {e.Error.Description}");
            return new StreamOutcome(declared.Name, StreamAction.Drifted, [], drift);
        }
        var changes = updatable.Select(d => $"{d.Setting} {d.Actual} → {d.Declared}").ToList();
        return new StreamOutcome(declared.Name, drift.Count == 0 ? StreamAction.Updated : StreamAction.Drifted, changes, drift);
    }

    private static async Task<StreamInfo?> FindAsync(NatsJSContext jetStream, string name, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await jetStream.GetStreamAsync(name, cancellationToken: cancellationToken);
            return stream.Info;
        }
        catch (NatsJSApiException e) when (e.Error.ErrCode == StreamNotFound || e.Error.Code == 404)
        {
            return null;
        }
        catch (NatsJSApiException e)
        {
            throw new DriverException($"JetStream refused to describe stream {name}: {e.Error.Description}");
        }
        catch (NATS.Client.Core.NatsException e)
        {
            throw new DriverException($"JetStream is not available: {e.Message}");
        }
    }

    private static async Task CallAsync(Func<Task> call, string name, string verb)
    {
        try
        {
            await call();
        }
        catch (NatsJSApiException e)
        {
            throw new DriverException($"JetStream refused to {verb} stream {name}: {e.Error.Description}");
        }
    }
}
