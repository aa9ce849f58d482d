using Arc.Platform.Bench;
using Arc.Platform.Registry;

namespace Arc.Platform.Technologies;

/// <summary>
/// An optional capability of an <see cref="ITechnology"/>: it can be benchmarked. Commands ask a technology
/// whether it implements this instead of comparing <c>tech:</c> strings, so a new technology that offers a
/// benchmark needs no change outside its own folder.
/// </summary>
public interface IBenchmarkable
{
    /// <summary>The workload `arc bench` drives against <paramref name="service"/>.</summary>
    IBenchWorkload CreateWorkload(ServiceDefinition service);
}
