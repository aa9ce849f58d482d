using Arc.Platform.Technologies.Redis.Rules;
using Arc.Platform.Verify;

namespace Arc.Platform.Technologies.Redis;

public sealed partial class RedisTechnology : IVerifiable, IListenFlags
{
    /// <summary>redis-server's --bind (several addresses) and its exporter's --web.listen-address.</summary>
    public ListenFlags Listen { get; } = new([], ["web.listen-address"], []) { SeveralHosts = ["bind"] };

    /// <summary>What `arc verify` checks of this technology's own flags, Dockerfile and files.</summary>
    public IReadOnlyList<IRule> Rules { get; } = [new RedisPersistenceFlags(), new RedisNonRoot(), new RedisAclMounted()];
}
