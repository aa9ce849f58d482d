using System.Runtime.InteropServices;
using System.Text;

namespace Arc.Platform.Drivers.Native;

/// <summary>What lstat(2) says about a path: its type, owner and mode, never those of a link's target.</summary>
internal sealed record FileFacts(bool Exists, bool IsLink, bool IsDirectory, bool IsRegular, uint Uid, UnixFileMode Mode);

/// <summary>
/// The few POSIX calls .NET does not expose: the owner of a file without following a link (statx, whose
/// layout is the same on every architecture), the effective uid, access(2) and lchown(2).
/// </summary>
internal static class PosixFiles
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    private const int WriteOk = 2;
    private const uint TypeMask = 0xF000, DirectoryType = 0x4000, LinkType = 0xA000, RegularType = 0x8000;

    // DllImport with byte arrays, not LibraryImport: no generated unsafe code (see PosixSignals).
    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directory, byte[] path, int flags, uint mask, [In, Out] byte[] buffer);

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUid();

    [DllImport("libc", EntryPoint = "getegid")]
    private static extern uint GetEffectiveGid();

    [DllImport("libc", EntryPoint = "access", SetLastError = true)]
    private static extern int Access(byte[] path, int mode);

    [DllImport("libc", EntryPoint = "lchown", SetLastError = true)]
    private static extern int LinkChown(byte[] path, uint uid, uint gid);

    [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
    private static extern IntPtr ResolvePath(byte[] path, [Out] byte[] resolved);

    public static uint EffectiveUid => GetEffectiveUid();

    public static uint EffectiveGid => GetEffectiveGid();

    public static FileFacts Lstat(string path)
    {
        var buffer = new byte[256];
        if (Statx(AtFdCwd, CString(path), AtSymlinkNoFollow, StatxBasicStats, buffer) != 0)
            return new FileFacts(false, false, false, false, 0, 0);
        var uid = BitConverter.ToUInt32(buffer, 20);
        var mode = BitConverter.ToUInt16(buffer, 28);
        var type = mode & TypeMask;
        return new FileFacts(true, type == LinkType, type == DirectoryType, type == RegularType, uid, (UnixFileMode)(mode & 0xFFF));
    }

    /// <summary>access(W_OK): false on a read-only mount or an immutable file, even for root.</summary>
    public static bool IsWritable(string path) => Access(CString(path), WriteOk) == 0;

    /// <summary>Changes the owner of the path itself, a link included, never of what a link points to.</summary>
    public static void ChownNoFollow(string path, uint uid, uint gid)
    {
        if (LinkChown(CString(path), uid, gid) != 0)
            throw new DriverException($"could not hand {path} to uid {uid}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
    }

    /// <summary>A new file (O_CREAT|O_EXCL: an existing name, a link included, is an error) with the given mode.</summary>
    public static FileStream CreateNew(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("the native driver runs on Linux");
        return new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode });
    }

    /// <summary>chmod(2) of a path already checked to be no link.</summary>
    public static void Chmod(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("the native driver runs on Linux");
        File.SetUnixFileMode(path, mode);
    }

    /// <summary>realpath(3): every link on the way resolved; null when the path does not exist.</summary>
    public static string? RealPath(string path)
    {
        var resolved = new byte[4096];
        if (ResolvePath(CString(path), resolved) == IntPtr.Zero)
            return null;
        return Encoding.UTF8.GetString(resolved, 0, Array.IndexOf(resolved, (byte)0));
    }

    private static byte[] CString(string path) => Encoding.UTF8.GetBytes(path + "\0");
}
