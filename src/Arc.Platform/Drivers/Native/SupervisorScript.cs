namespace Arc.Platform.Drivers.Native;

/// <summary>
/// The supervisor, a POSIX sh script run (as the server user) with
/// <c>LOG RESTARTS MAX_BYTES KEEP COMMAND…</c>. It restarts COMMAND whenever it exits, waiting 1 s,
/// then 2, 4 … up to 30 s between attempts, and writes the
/// number of restarts to RESTARTS. As compose counts it, a run of at least 10 s was a successful start,
/// not a crash loop: the delay goes back to 1 s. SIGTERM (arc down) ends it without a restart once the server has
/// exited. A background loop copies LOG to LOG.1 (LOG.1 to LOG.2 …, KEEP files) and truncates it
/// when it passes MAX_BYTES; the server appends (O_APPEND), so it carries on at the new end.
/// Every file it writes exists already: the log directory belongs to root, not to this user.
/// </summary>
internal static class SupervisorScript
{
    public const string RestartLine = "arc-supervise: restarting";

    /// <summary>
    /// The supervisor's own children: the server it forked (or that fork still exec'ing through sh and
    /// env), the back-off sleep, the rotator. From the kernel's children list; the whole group is
    /// searched only where the kernel lists no children.
    /// </summary>
    public static IReadOnlyList<int> ChildrenOf(int supervisor) =>
        ProcessTable.Children(supervisor) ?? [.. ProcessTable.GroupMembers(supervisor).Where(pid => ProcessTable.ParentOf(pid) == supervisor)];

    /// <summary>The child of <see cref="ChildrenOf"/> that runs <paramref name="program"/>, or null.</summary>
    public static int? ServerAmong(IReadOnlyList<int> children, string program) =>
        children.Cast<int?>().FirstOrDefault(pid => ProcessTable.Executable(pid!.Value) == program);

    /// <summary>
    /// Whether the supervisor waits out a back-off: its own child then runs sleep. (The rotator's sleep
    /// is the rotator's child, and between a restart's fork and exec the child runs sh or env.)
    /// </summary>
    public static bool IsBackingOff(IReadOnlyList<int> children) =>
        children.Any(pid => ProcessTable.Executable(pid) is { } executable && Path.GetFileName(executable) == "sleep");

    public const string Text = """
        log=$1 restarts=$2 cap=$3 keep=$4
        shift 4
        exec </dev/null >>"$log" 2>&1
        stop=0 child=0 count=0 delay=1
        trap 'stop=1; [ "$child" -gt 0 ] && kill -TERM "$child" 2>/dev/null' TERM INT HUP
        rotate() {
          while sleep 1; do
            size=$(stat -c %s "$log" 2>/dev/null || echo 0)
            [ "$size" -gt "$cap" ] || continue
            i=$keep
            while [ "$i" -gt 1 ]; do cat "$log.$((i - 1))" >"$log.$i"; i=$((i - 1)); done
            cat "$log" >"$log.1"
            : >"$log"
          done
        }
        rotate &
        while [ "$stop" = 0 ]; do
          "$@" &
          child=$!
          started=$(date +%s)
          wait "$child"
          status=$?
          while kill -0 "$child" 2>/dev/null; do wait "$child"; status=$?; done
          [ "$stop" = 0 ] || break
          count=$((count + 1))
          echo "$count" >"$restarts"
          [ $(($(date +%s) - started)) -lt 10 ] || delay=1
          echo "arc-supervise: restarting (exit status $status; restart $count in $delay s)"
          sleep "$delay" &
          child=$!
          wait "$child"
          delay=$((delay * 2))
          [ "$delay" -le 30 ] || delay=30
        done
        """;
}
