using Arc.Platform.Text;
using System.Text.Json;

namespace Arc.Platform.Drivers.Native;

/// <summary>A run record as read from disk: the record, or why there is none that can be trusted.</summary>
internal sealed record RecordRead(NativeRunRecord? Record, string? Problem)
{
    public static RecordRead None { get; } = new(null, null);
}

/// <summary>
/// Reads and atomically writes run records (a reader never sees half a file). Records are owner-only
/// (they hold full command lines), never read or written through a link, and a record that is not
/// complete and sensible is reported as such, never half used.
/// </summary>
internal sealed class RunRecordStore(NativePaths paths)
{
    private const long MaxRecordBytes = 1 << 20;
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The record, null when there is none; an unreadable record is a <see cref="DriverException"/> naming the file.</summary>
    public NativeRunRecord? Read(string codename)
    {
        var read = Load(codename);
        return read.Problem is { } problem ? throw new DriverException(problem) { Remedy = UnreadableRemedy } : read.Record;
    }

    public RecordRead Load(string codename)
    {
        var file = paths.RecordFile(codename);
        StateTree.CheckFile(file);
        if (!PosixFiles.Lstat(file).Exists)
            return RecordRead.None;
        string text;
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read);
            if (stream.Length > MaxRecordBytes)
                return Unreadable(file, $"{stream.Length} bytes, more than a run record ever holds");
            text = new StreamReader(stream).ReadToEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Unreadable(file, e.Message);
        }
        return Parse(text, codename, file);
    }

    /// <summary>The record a text holds, or what is wrong with it (the fuzz tests call this directly).</summary>
    public static RecordRead Parse(string text, string codename, string file)
    {
        NativeRunRecord? record;
        try
        {
            record = JsonSerializer.Deserialize(text, NativeStateJsonContext.Default.NativeRunRecord);
        }
        catch (JsonException e)
        {
            return Unreadable(file, e.Message);
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return Unreadable(file, e.Message);
        }
        var problem = record is null ? "it holds null" : RunRecordRules.Problem(record, codename);
        return problem is null ? new RecordRead(record, null) : Unreadable(file, problem);
    }

    /// <summary>An unreadable record does not strand its server: a stop works from what it can prove.</summary>
    public static Remedy UnreadableRemedy { get; } = new StopFromProof();

    private static RecordRead Unreadable(string file, string why) => new(null, $"{file}: unreadable run record ({why})");

    public void Write(NativeRunRecord record)
    {
        StateTree.EnsureDirectory(paths.RunDirectory);
        var file = paths.RecordFile(record.Codename);
        StateTree.CheckFile(file);
        var json = JsonSerializer.Serialize(record, NativeStateJsonContext.Default.NativeRunRecord);
        ReplacingWriter.Write(file, json, OwnerOnly, what: "the run record ");
    }

    public void Delete(string codename)
    {
        var file = paths.RecordFile(codename);
        StateTree.CheckFile(file);
        File.Delete(file);
    }
}
