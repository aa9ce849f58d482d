using Arc.Platform.Technologies.Nats.Rules;
using Arc.Platform.Verify;

namespace Arc.Platform.Technologies.Nats;

public sealed partial class NatsTechnology : IVerifiable, IListenFlags
{
    public ListenFlags Listen => NatsFlags.Listen;

    /// <summary>What `arc verify` checks of this technology's own flags, Dockerfile and files.</summary>
    public IReadOnlyList<IRule> Rules { get; } = [new NatsJetStreamFlags(), new StreamsDeclared(), new NatsNonRoot(), new NatsStoreWritable(), new ConsumerStreamsMatch(), new ConsumerStreamsServerDefaults(), new NatsUsersMounted()];
}
