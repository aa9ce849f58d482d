namespace Arc.Platform.Technologies.Nats;

/// <summary>Renders limits the way streams.yaml writes them, so drift messages read like the file.</summary>
internal static class StreamUnits
{
    public static string Duration(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
            return "0";
        var seconds = (long)value.TotalSeconds;
        if (seconds % 86400 == 0)
            return $"{seconds / 86400}d";
        if (seconds % 3600 == 0)
            return $"{seconds / 3600}h";
        return seconds % 60 == 0 ? $"{seconds / 60}m" : $"{seconds}s";
    }

    public static string Size(long bytes)
    {
        if (bytes < 0)
            return "-1";
        if (bytes != 0 && bytes % (1L << 30) == 0)
            return $"{bytes >> 30}GiB";
        if (bytes != 0 && bytes % (1L << 20) == 0)
            return $"{bytes >> 20}MiB";
        return bytes != 0 && bytes % 1024 == 0 ? $"{bytes >> 10}KiB" : $"{bytes}B";
    }
}
