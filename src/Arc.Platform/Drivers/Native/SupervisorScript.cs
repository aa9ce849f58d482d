namespace Arc.Platform.Drivers.Native;

/// <summary>
/// The supervisor, a POSIX sh script run (as the server user) with
/// <c>LOG RESTARTS MAX_BYTES KEEP TOOLS… -- COMMAND…</c> (see <see cref="Arguments"/>). It restarts COMMAND
/// whenever it exits, waiting its first delay (1 s unless the plan says more), then twice as long each time,
/// up to 30 s or the first delay when that is longer, and writes <c>COUNT EXIT-STATUS DELAY</c> to RESTARTS
/// before each wait. As compose counts it, a run of at least
/// 10 s was a successful start, not a crash loop: the delay goes back to the first. SIGTERM (arc down) ends it
/// without a restart once the server has exited.
/// <para>
/// Logs: the server's output goes into a pipe read by one logger, GNU split, the only writer of LOG. It
/// cuts its input at line boundaries every MAX_BYTES and hands each piece to a filter that, between two
/// pieces, shifts LOG → LOG.1 → … LOG.KEEP (copies of files nobody writes) and then appends the piece. A
/// full pipe makes the server wait, so no line is lost. The logger ignores SIGTERM and ends at the end of
/// its input, when the last writer is gone, so the server's final lines reach the log too. The pipe is a
/// FIFO in a private temporary directory, removed as soon as both ends are open. While the server runs,
/// the supervisor forks nothing: it waits for its child.
/// Every file it writes exists already: the log directory belongs to root, not to this user.
/// </para>
/// </summary>
internal static class SupervisorScript
{
    public const string RestartLine = "arc-supervise: restarting";

    /// <summary>The logger's last argument (as the script spells it): what tells a supervisor's split from any other.</summary>
    public const string LoggerPrefix = "arc-log.";

    /// <summary>The system programs the script runs, by absolute path, in the order the script reads them.</summary>
    public static readonly string[] Tools = ["mktemp", "mkfifo", "rm", "split", "sleep", "date", "cat"];

    /// <summary>The script's arguments after <c>sh -c TEXT NAME</c>.</summary>
    /// <param name="firstDelay">Seconds before the first restart (and after a run of 10 s or more): 1 unless the plan asks for more.</param>
    public static IReadOnlyList<string> Arguments(SupervisedFiles files, LogLimits limits, IReadOnlyList<string> command, int firstDelay = 1) =>
        [files.Log, files.RestartsFile, limits.MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            limits.Keep.ToString(System.Globalization.CultureInfo.InvariantCulture), LaunchChain.Tool("sh"),
            .. Tools.Select(LaunchChain.Tool), firstDelay.ToString(System.Globalization.CultureInfo.InvariantCulture), .. command];

    /// <summary>The supervisor's own children on this host (see <see cref="NativeHostQueries.SupervisorChildren"/>).</summary>
    public static IReadOnlyList<int> ChildrenOf(int supervisor) => SystemNativeHost.Instance.SupervisorChildren(supervisor);

    /// <summary>Whether the supervisor waits out a back-off (see <see cref="NativeHostQueries.IsBackingOff"/>).</summary>
    public static bool IsBackingOff(IReadOnlyList<int> children) => SystemNativeHost.Instance.IsBackingOff(children);

    /// <summary>
    /// The logger's filter, run by split's shell once per piece with the piece on stdin: the first piece
    /// of a supervisor's life appends to LOG; every later one first shifts the rotations.
    /// </summary>
    private const string RotateThenAppend = """
        case $FILE in *.000000000000) ;; *)
          i=$ARC_KEEP
          while [ "$i" -gt 1 ]; do "$ARC_CAT" "$ARC_LOG.$((i - 1))" >"$ARC_LOG.$i"; i=$((i - 1)); done
          "$ARC_CAT" "$ARC_LOG" >"$ARC_LOG.1"
          : >"$ARC_LOG" ;;
        esac
        exec "$ARC_CAT" >>"$ARC_LOG"
        """;

    public static string Text { get; } = """
        log=$1 restarts=$2 cap=$3 keep=$4 sh=$5 mktemp=$6 mkfifo=$7 rm=$8 split=$9
        shift 9
        sleep=$1 date=$2 cat=$3 first=$4
        shift 4
        exec </dev/null
        pipes=$("$mktemp" -d) || exit 1
        "$mkfifo" -m 600 "$pipes/log" || exit 1
        (
          trap '' TERM INT HUP
          export SHELL="$sh" ARC_LOG="$log" ARC_KEEP="$keep" ARC_CAT="$cat"
          exec "$split" --line-bytes="$cap" --numeric-suffixes --suffix-length=12 --filter='
        """ + RotateThenAppend + """
        ' - arc-log.
        ) <"$pipes/log" >/dev/null 2>&1 &
        exec >"$pipes/log" 2>&1
        "$rm" -r "$pipes"
        stop=0 child=0 count=0 delay=$first
        trap 'stop=1; [ "$child" -gt 0 ] && kill -TERM "$child" 2>/dev/null' TERM INT HUP
        while [ "$stop" = 0 ]; do
          started=$("$date" +%s)
          "$@" &
          child=$!
          wait "$child"
          status=$?
          while kill -0 "$child" 2>/dev/null; do wait "$child"; status=$?; done
          [ "$stop" = 0 ] || break
          count=$((count + 1))
          [ $(($("$date" +%s) - started)) -lt 10 ] || delay=$first
          echo "$count $status $delay" >"$restarts"
          echo "arc-supervise: restarting (exit status $status; restart $count in $delay s)"
          "$sleep" "$delay" &
          child=$!
          wait "$child"
          delay=$((delay * 2))
          longest=30; [ "$first" -le 30 ] || longest=$first
          [ "$delay" -le "$longest" ] || delay=$longest
        done
        """;
}
