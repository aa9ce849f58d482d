using System.Runtime.InteropServices;

namespace Arc.Platform.Drivers.Native;

/// <summary>kill(2) on a process or a whole process group: .NET's Process.Kill cannot address a group.</summary>
internal static class PosixSignals
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    // DllImport, not LibraryImport: the signature is blittable, so no marshalling code is
    // generated and the library needs no unsafe blocks.
    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    /// <summary>Signals every process of the group led by <paramref name="groupLeader"/>; false when none is left.</summary>
    public static bool SignalGroup(int groupLeader, int signal) => Kill(-groupLeader, signal) == 0;

    /// <summary>Signals one process.</summary>
    public static bool Signal(int pid, int signal) => Kill(pid, signal) == 0;

    /// <summary>True while any process of the group exists (signal 0 only checks).</summary>
    public static bool GroupExists(int groupLeader) => Kill(-groupLeader, 0) == 0;
}
