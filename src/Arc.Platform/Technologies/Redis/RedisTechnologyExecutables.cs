namespace Arc.Platform.Technologies.Redis;

public sealed partial class RedisTechnology : IOwnExecutables
{
    public IReadOnlyList<string> ServerExecutables { get; } = [RedisLaunch.ServerBinary];

    public IReadOnlyDictionary<string, IReadOnlyList<string>> ExporterExecutables { get; } = new Dictionary<string, IReadOnlyList<string>> { [RedisLaunch.ExporterBinary] = [RedisLaunch.ExporterBinary, "redis_exporter"] };
}
