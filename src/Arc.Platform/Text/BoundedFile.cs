using System.Runtime.InteropServices;
using Arc.Platform.Yaml;
using Microsoft.Win32.SafeHandles;

namespace Arc.Platform.Text;

/// <summary>
/// Reads a configuration file that anyone may have edited or replaced. A FIFO, device, socket or
/// directory is refused before a byte is read and without blocking; a regular file is read only up
/// to a size cap and must be UTF-8. Every refusal is a located <see cref="ConfigException"/>.
/// </summary>
public static class BoundedFile
{
    /// <summary>No configuration file of a checkout comes near this; a larger one is an accident or an attack.</summary>
    public const int MaxBytes = 1 << 20;

    public static string ReadText(string path, string displayPath) =>
        Utf8Text.Decode(ReadBytes(path, displayPath), displayPath);

    /// <summary>The lines of <paramref name="text"/> as <see cref="File.ReadAllLines(string)"/> gives them: no empty line after a final newline.</summary>
    public static string[] Lines(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        return lines[^1].Length == 0 ? lines[..^1] : lines;
    }

    public static byte[] ReadBytes(string path, string displayPath)
    {
        using var handle = OperatingSystem.IsLinux() ? OpenLinux(path, displayPath) : OpenPortable(path, displayPath);
        // Grows as needed rather than allocating the cap up front: most files are a few KiB.
        var buffer = new byte[16 * 1024];
        var total = 0;
        int read;
        while ((read = RandomAccess.Read(handle, buffer.AsSpan(total), total)) > 0)
        {
            total += read;
            if (total == buffer.Length)
            {
                if (buffer.Length > MaxBytes)
                    break;
                Array.Resize(ref buffer, Math.Min(buffer.Length * 4, MaxBytes + 1));
            }
        }
        if (total > MaxBytes)
            throw Refused(displayPath, $"file is larger than {MaxBytes / 1024} KiB");
        return buffer[..total];
    }

    /// <summary>Opens without blocking (a FIFO would wait for a writer) and asks the open descriptor what it is.</summary>
    private static SafeFileHandle OpenLinux(string path, string displayPath)
    {
        var fd = LinuxFiles.OpenNonBlocking(path);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            // open(2) refuses a socket outright (ENXIO); name the kind rather than the errno.
            var kind = LinuxFiles.KindOfPath(path);
            throw Refused(displayPath, kind is { } k && k != FileKind.Regular ? NotRegular(k) : CannotRead(errno));
        }
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        var kindOfOpen = LinuxFiles.KindOfDescriptor(fd);
        if (kindOfOpen != FileKind.Regular)
        {
            handle.Dispose();
            throw Refused(displayPath, NotRegular(kindOfOpen));
        }
        return handle;
    }

    private static SafeFileHandle OpenPortable(string path, string displayPath)
    {
        if (Directory.Exists(path))
            throw Refused(displayPath, NotRegular(FileKind.Directory));
        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Refused(displayPath, $"cannot read file: {e.Message}");
        }
    }

    private static string NotRegular(FileKind kind) => kind switch
    {
        FileKind.Directory => "is a directory, not a regular file",
        FileKind.Fifo => "is a FIFO (named pipe), not a regular file; refused without reading",
        FileKind.CharacterDevice or FileKind.BlockDevice => "is a device, not a regular file; refused without reading",
        FileKind.Socket => "is a socket, not a regular file",
        _ => "is not a regular file",
    };

    private static string CannotRead(int errno) => errno switch
    {
        2 => "file not found",
        13 => "cannot read file: permission denied",
        40 => "cannot read file: too many levels of symbolic links",
        _ => $"cannot read file: {Marshal.GetPInvokeErrorMessage(errno)}",
    };

    private static ConfigException Refused(string displayPath, string reason) => new(displayPath, 1, 1, reason);
}
