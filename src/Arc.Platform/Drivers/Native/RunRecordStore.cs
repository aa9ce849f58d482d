using System.Text.Json;

namespace Arc.Platform.Drivers.Native;

/// <summary>Reads and atomically writes run records, so a reader never sees half a file.</summary>
internal sealed class RunRecordStore(NativePaths paths)
{
    public NativeRunRecord? Read(string codename)
    {
        var file = paths.RecordFile(codename);
        if (!File.Exists(file))
            return null;
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(file), NativeStateJsonContext.Default.NativeRunRecord);
        }
        catch (JsonException)
        {
            // A record we cannot read describes nothing we can manage: treat it as stale.
            return null;
        }
    }

    public void Write(NativeRunRecord record)
    {
        Directory.CreateDirectory(paths.RunDirectory);
        var file = paths.RecordFile(record.Codename);
        var temporary = file + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(record, NativeStateJsonContext.Default.NativeRunRecord));
        File.Move(temporary, file, overwrite: true);
    }

    public void Delete(string codename) => File.Delete(paths.RecordFile(codename));
}
