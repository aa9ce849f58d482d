using Arc.Platform.Drivers.Native;

namespace Arc.Platform.Tests.HighAvailability;

/// <summary>
/// A server process held with SIGSTOP: it keeps its sockets but answers nothing, as a member hung on a stalled
/// disk or a paused VM does. Disposing sends SIGCONT, so a failed test never leaves a stopped process behind.
/// </summary>
public sealed class Frozen : IDisposable
{
    private const int SigStop = 19;
    private const int SigCont = 18;
    private readonly int _pid;
    private bool _resumed;

    private Frozen(int pid) => _pid = pid;

    public static Frozen Hold(int pid)
    {
        Assert.True(PosixSignals.Signal(pid, SigStop), $"SIGSTOP to {pid} failed");
        return new Frozen(pid);
    }

    public void Resume()
    {
        if (_resumed)
            return;
        _resumed = true;
        PosixSignals.Signal(_pid, SigCont);
    }

    public void Dispose() => Resume();
}
