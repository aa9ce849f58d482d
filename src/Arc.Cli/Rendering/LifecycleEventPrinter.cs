using Arc.Platform.Lifecycle;

namespace Arc.Cli.Rendering;

/// <summary>
/// Progress on stderr (stdout stays for the result, and for exactly one JSON document with --json):
/// a live, redrawn line on a terminal; on a pipe, plain lines with waiting reported at most once a second.
/// </summary>
internal sealed class LifecycleEventPrinter(CliContext context) : IProgress<LifecycleEvent>
{
    private static readonly TimeSpan PlainWaitInterval = TimeSpan.FromSeconds(1);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TimeSpan> _lastPlainWait = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> _waiting = new(StringComparer.Ordinal);
    private bool _liveLineShown;

    public void Report(LifecycleEvent value)
    {
        lock (_gate)
        {
            if (value.Stage == LifecycleStage.Waiting && value.Progress is { } progress)
                ShowWaiting(value.Codename, progress.Elapsed, value.Detail);
            else
                ShowLine(value);
        }
    }

    private void ShowWaiting(string codename, TimeSpan elapsed, string detail)
    {
        if (context.ErrIsTerminal)
        {
            // One live line for every service still waiting, redrawn in place.
            _waiting[codename] = $"{codename} {elapsed.TotalSeconds:0.0} s ({detail})";
            context.Err.Write($"\r\u001b[K{Truncate("waiting: " + string.Join(" | ", _waiting.Values), context.Console.Width - 1)}");
            _liveLineShown = true;
            return;
        }
        if (_lastPlainWait.TryGetValue(codename, out var last) && elapsed - last < PlainWaitInterval)
            return;
        _lastPlainWait[codename] = elapsed;
        context.Err.WriteLine($"{codename}: waiting {elapsed.TotalSeconds:0.0} s ({detail})");
    }

    private void ShowLine(LifecycleEvent value)
    {
        _waiting.Remove(value.Codename);
        if (_liveLineShown)
        {
            context.Err.Write("\r\u001b[K");
            _liveLineShown = false;
        }
        var prefix = value.Codename.Length > 0 ? $"{value.Codename}: " : "arc: ";
        context.Err.WriteLine($"{prefix}{Verb(value.Stage)}{RemedyText.After(value.Detail, value.Remedy)}");
        if (value.LogTail is { Count: > 0 } tail)
        {
            context.Err.WriteLine($"{prefix}last {tail.Count} log lines:");
            foreach (var line in tail)
                context.Err.WriteLine($"  {line}");
        }
    }

    private static string Verb(LifecycleStage stage) => stage switch
    {
        LifecycleStage.Started => "started, ",
        LifecycleStage.AlreadyRunning => "already running, ",
        LifecycleStage.Skipped => "skipped: ",
        LifecycleStage.Failed => "FAILED: ",
        LifecycleStage.Provisioned => "provisioned ",
        LifecycleStage.Interrupted => "interrupted: servers already started keep running; `arc status` shows them, `arc down` stops them",
        _ => "",
    };

    private static string Truncate(string text, int width) => width > 10 && text.Length > width ? text[..width] : text;
}
