using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Arc.Platform.Text;

internal enum FileKind { Regular, Directory, Fifo, CharacterDevice, BlockDevice, Socket, Link, Other }

/// <summary>
/// open(2) with O_NONBLOCK and statx(2), which .NET does not expose: FileStream blocks opening a FIFO
/// and its file type says nothing of devices. statx's layout is the same on every Linux architecture.
/// </summary>
internal static class LinuxFiles
{
    private const int ReadOnlyNonBlocking = 0x800 /* O_NONBLOCK */ | 0x100 /* O_NOCTTY */ | 0x80000 /* O_CLOEXEC */;
    private const int AtFdCwd = -100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;

    // DllImport, not LibraryImport: byte arrays are pinned, not marshalled, so the library needs no unsafe blocks.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open(byte[] path, int flags);

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirfd, byte[] path, int flags, uint mask, byte[] buffer);

    public static int OpenNonBlocking(string path) => Open(NulTerminated(path), ReadOnlyNonBlocking);

    public static FileKind KindOfDescriptor(int fd) => Kind(fd, [0], AtEmptyPath) ?? FileKind.Other;

    /// <summary>The kind of what <paramref name="path"/> names (links followed), or null when it cannot be asked.</summary>
    public static FileKind? KindOfPath(string path) => Kind(AtFdCwd, NulTerminated(path), 0);

    private static FileKind? Kind(int dirfd, byte[] path, int flags)
    {
        var buffer = new byte[256];
        if (Statx(dirfd, path, flags, StatxType, buffer) != 0)
            return null;
        return (BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(ModeOffset)) & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            0xA000 => FileKind.Link,
            _ => FileKind.Other,
        };
    }

    private static byte[] NulTerminated(string path)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, bytes);
        return bytes;
    }
}
