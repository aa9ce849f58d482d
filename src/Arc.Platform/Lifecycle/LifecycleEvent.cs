using Arc.Platform.Health;

namespace Arc.Platform.Lifecycle;

public enum LifecycleStage
{
    /// <summary>Something the user should know that is not about one service (waiting for the lock, Ctrl-C).</summary>
    Note,
    Started,
    AlreadyRunning,
    Skipped,
    /// <summary>A probe failed while waiting; <see cref="LifecycleEvent.Progress"/> says how long it has been.</summary>
    Waiting,
    Healthy,
    Failed,
    Provisioned,
    Stopped,
    Cleaned,
    Built,
    /// <summary>`up` was cancelled: what already started keeps running and nothing is stopped.</summary>
    Interrupted,
}

/// <summary>What the lifecycle tells its caller as it goes; the CLI draws it as a live line or plain lines.</summary>
public sealed record LifecycleEvent(string Codename, LifecycleStage Stage, string Detail, WaitProgress? Progress = null, IReadOnlyList<string>? LogTail = null)
{
    /// <summary>What to do in arc's own terms, when there is such a step; the caller words it after <see cref="Detail"/>.</summary>
    public Remedy? Remedy { get; init; }
}
