using Arc.Platform.Technologies.Redis.Rules;
using Arc.Platform.Verify;

namespace Arc.Platform.Technologies.Redis;

public sealed partial class RedisTechnology : IVerifiable
{
    /// <summary>What `arc verify` checks of this technology's own flags, Dockerfile and files.</summary>
    public IReadOnlyList<IRule> Rules { get; } = [new RedisPersistenceFlags(), new RedisNonRoot(), new RedisAclMounted()];
}
